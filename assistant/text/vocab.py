"""Vocabularies of the 公文 and legislative genre, defined once.

``GENRE_WORDS``: the last word of a document title that names its genre (意见, 办法, 规定 …),
longest first so that a regex alternation prefers 实施办法 over 办法.
"""

from __future__ import annotations

GENRE_WORDS = (
    "实施意见", "实施办法", "实施方案", "工作意见",
    "意见", "方案", "办法", "规定", "细则", "决定", "条例", "规则", "通知", "纲要", "规划", "计划", "要点",
    "措施", "指引", "指南", "规范", "公告", "通告", "批复",
)
GENRE_ALTERNATION = "|".join(GENRE_WORDS)

# The genres a question usually names a policy document by (…的工作意见提出了什么？): matching the wider
# list here would take words such as 措施 or 要点 in a question for the name of a missing document.
QUESTION_GENRE_WORDS = ("实施意见", "实施办法", "实施方案", "工作意见", "意见", "方案", "办法", "规定", "细则")
QUESTION_GENRE_ALTERNATION = "|".join(QUESTION_GENRE_WORDS)

# Compound genre words that a reader uses alone as the name of a document when the library holds only
# one such document (该实施办法第十六条, 实施方案提出…); a bare 意见 or 办法 is too common a word for that.
NAMING_GENRE_WORDS = tuple(w for w in GENRE_WORDS if len(w) >= 4)


def sole_genre_names(titles: dict[str, str]) -> dict[str, str]:
    """``{genre word: doc id}`` for each compound genre word (实施办法, 工作意见 …) that ends exactly one
    of the given titles (``{doc id: normalised title without version note}``)."""
    out: dict[str, str] = {}
    for word in NAMING_GENRE_WORDS:
        owners = [doc_id for doc_id, title in titles.items() if title.rstrip("）)").endswith(word)]
        if len(owners) == 1:
            out[word] = owners[0]
    return out

# Kinds of issuing bodies (a title's issuer part names an institution, not a topic).
ISSUER_WORDS = (
    "最高人民检察院", "最高人民法院", "人民检察院", "检察院", "人民法院", "法院", "人民政府", "政府", "公安部", "公安厅",
    "公安局", "公安机关", "司法部", "司法厅", "司法局", "国家安全机关", "委员会", "常务委员会", "人大常委会", "办公厅",
    "办公室", "党委", "党组", "市委", "省委", "区委", "县委",
)

# Words that qualify a reference to documents without naming one (三份修订后的工作意见, 上述意见, 现行办法).
DOC_QUALIFIERS = r"(?:[一二三四五六七八九十两几\d]+份|这份|那份|这些|那些|该|各|上述|以上|有关|相关|修订后的?|修改后的?|最新的?|现行的?|新的?|原)"

# The 公文 words of a plan's topic that name no topic of their own: what is done (加强, 推进, 服务保障 …), how
# (综合, 全面, 依法 …) and the generic heads (工作, 机制, 保护, 治理 …) — in 未成年人综合保护 the topic is 未成年人,
# in 知识产权保护 知识产权. Longest first (a regex alternation prefers 服务保障 over 服务).
POLICY_WORDS = tuple(sorted({
    "工作", "服务", "保障", "服务保障", "加强", "推进", "推动", "深化", "完善", "健全", "建立", "建设", "发展", "高质量",
    "治理", "综合", "全面", "依法", "强化", "提升", "促进", "规范", "协同", "机制", "体系", "能力", "水平", "质效",
    "专项", "重点", "年度", "落实", "贯彻", "贯彻落实", "实施", "开展", "防范", "化解", "保护", "司法", "检察", "一体", "履职",
    "打击", "整治", "专项整治", "集中", "行动", "专项行动",  # a campaign's words (打击…专项整治行动): what is done, not on what
    "关于", *GENRE_WORDS,  # (a document's genre names no topic: 贯彻《关于…公益诉讼工作的意见》 is about 公益诉讼)
}, key=len, reverse=True))

# Modal and function words of questions and rules: never the topic a value is asked about
# (监视居住最长不能超过多久 asks about 监视居住, not about 不能 or 超过).
MODAL_WORDS = frozenset({
    "应当", "应该", "可以", "能够", "不能", "不可", "不得", "必须", "需要", "要求", "是否", "能否", "可否", "超过", "不超过",
    "以上", "以下", "以内", "之内", "一般", "通常", "最多", "最少", "至少", "至多", "大概", "大约", "我们", "他们", "你们",
    "这个", "那个", "这种", "那种", "这份", "那份", "这些", "那些", "那边", "这边", "现在", "还要", "得在", "还是", "就是",
    # words that point at a party without naming it (对方多长时间内要回复？ asks about 回复, not about 对方)
    "对方", "双方", "本人", "别人", "人家", "大家", "自己", "咱们", "他人",
    # the words that anchor a time limit in any rule (自…之日起, …以后, …期间): a time limit of anything else has them too
    "之日起", "之日", "以后", "之后", "以前", "之前", "期间", "时候", "当时", "目前",
    # a rule in general (违反规定的罚款是多少: the 罚款 is the topic, not the 规定 any penalty clause breaks)
    "规定", "违反规定", "有关规定", "相关规定", "法律规定", "国家规定", "依照规定", "按照规定", "依法",
    # light verbs, whose object is the topic (受到降级处分: 处分 and 降级, not 受到; 进行审查: 审查)
    "受到", "遭受", "给予", "进行",
})
