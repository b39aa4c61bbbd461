"""The app's other pages: 评估结果 (the evaluation runs, in Chinese tables and charts) and 设置说明
(what an administrator can configure, with the values in effect). Neither shows a setting's
environment name or a command; secrets are never shown, and addresses lose any user name,
password and query they carry."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
from pydantic import SecretStr

from assistant.config import Settings, public_address
from assistant.ui import render

# ---- settings ---------------------------------------------------------------------------------------------

# (group, [(field, 名称, 说明)]) — every field of Settings is here (tests/test_app.py checks it).
SETTINGS_ZH: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("条款库与数据", [
        ("store_path", "条款库位置", "条款库（向量库与检索索引）所在的文件夹。"),
        ("seeds_path", "初始文件夹", "条款库为空时自动导入的文件所在的文件夹。"),
        ("data_dir", "应用数据位置", "对话记录等应用数据所在的文件夹。"),
        ("collection_prefix", "集合名前缀", "条款库中集合名称的前缀；同一位置可并存多套条款库。"),
        ("eval_runs_path", "评估记录位置", "评估运行结果所在的文件夹，“评估结果”页显示其中的记录。"),
        ("store_lock_timeout_s", "写入等待上限（秒）", "导入、删除或上传文件时，等待其他进程完成写入的最长时间；超时则提示稍后重试，条款库不变。"),
        ("chroma_server_url", "条款库服务地址", "设置后改为连接独立运行的条款库服务，而不是本机文件夹。"),
        ("store_write_batch", "每批写入条数", "导入时每次写入条款库的条款数；越大越快，越小每次占用越少。"),
        ("store_search_ef", "向量检索精度", "向量索引检索时考察的候选数（新建或写入条款库时生效）；足够大时，不同进程对同一问题的检索结果一致。"),
        ("store_lexical_delta_share", "词法索引增量比例", "导入或删除文件后，词法索引保留上次完整构建的部分，只为此后写入的条款另建一个小的增量部分；增量与已删除条款合计超过全库此比例时才整体重建（0 表示每次整体重建）。比例越大，导入后第一次检索越快，但排序与整体重建的差别略大。"),
        ("store_ingest_slice", "导入分片（条）", "导入时每次处理（分词、向量化、写入）的条款数，按整个文件划分；整次导入仍在最后一步一次生效。越小占用内存越少。"),
        ("store_tokenize_worker_min", "并行分词起点（条）", "一次导入的条款数达到此值时，由另一进程同时分词，导入更快；结果相同。设为 0 则不并行。"),
        ("test_crash_at", "测试用中断点", "仅供自动测试模拟进程在写入中途被终止；正常使用时不设置。"),
    ]),
    ("向量化", [
        ("embedder", "向量化方式", "hashing：离线字符片段向量，无需下载模型；e5：随程序安装的小型多语种语义模型（multilingual-e5-small），把“语义检索权重”调到 0.5 左右时能把口语问法和法律用语对上，但入库慢（双核约每秒 13 条）；更换向量化方式须重新导入全部文件；openai：调用兼容 OpenAI 接口的向量化服务。"),
        ("embedding_dim", "离线向量维度", "离线向量化方式的向量维度。"),
        ("embedding_base_url", "向量化服务地址", "向量化服务的地址（如 vLLM、Ollama、Xinference 上的 bge-m3）。"),
        ("embedding_api_key", "向量化服务密钥", "向量化服务的访问密钥；本页只显示是否已设置。"),
        ("embedding_model", "向量化模型", "向量化服务上的模型名称。"),
        ("embedding_query_prefix", "问题前缀", "发送给向量化模型的每个问题前所加的文字（部分模型训练时使用）。"),
        ("embedding_document_prefix", "条款前缀", "发送给向量化模型的每条条款前所加的文字。"),
        ("embedding_batch_size", "每批条数", "每次请求向量化服务时发送的文本条数。"),
        ("embedding_timeout_s", "向量化超时（秒）", "一次向量化请求的最长等待时间。"),
    ]),
    ("文件解析", [
        ("chunk_max_tokens", "段落切分上限", "没有条、款等结构的文件按段落切分时，每段的最大长度（按词元计）。"),
        ("tiktoken_encoding", "词元编码", "计算长度所用的词元编码。"),
    ]),
    ("检索", [
        ("retrieval_char_weight", "字符检索权重", "按单字与双字匹配的检索结果在综合排序中的权重。"),
        ("retrieval_word_weight", "词语检索权重", "按分词结果匹配的检索结果的权重（0 表示不用）。"),
        ("retrieval_dense_weight", "语义检索权重", "按向量相似度检索的结果的权重（使用真实向量化模型时可调高）。"),
        ("retrieval_thesaurus_weight", "同义词检索权重", "把口语词换成法律用语后单独检索的结果在综合排序中的权重（0 表示不用）。"),
        ("retrieval_thesaurus_mix", "同义词加权", "问题中的口语词对应的法律用语（老婆→配偶）和所述年龄对应的法定年龄界限（13岁→不满十四周岁）参与问题本身检索的权重（0 表示不用）。"),
        ("retrieval_heading_weight", "章节标题检索权重", "条款所在文件标题和编、章、节名称参与检索的权重，低于条款本身（0 表示不用）。"),
        ("retrieval_named_weight", "文件名称检索权重", "问题中写明的文件名称（《……办法》、刑诉法）参与条款检索的权重：名称中的词该文件各条都有，只用来选定文件（0 表示不参与，1 表示与问题其他部分相同）。"),
        ("retrieval_named_boost", "指明文件加权", "问题写明某一文件时，该文件条款排序靠前的程度（0 表示不用）。"),
        ("retrieval_current_only", "只检索现行版本", "同一法规的新旧版本（如2021年与2023年的民事诉讼法、规则与规则（试行））都入库时，"
         "未指明文件、日期或版本的问题只检索现行版本；问题提到“试行”或年份、或按文件/日期筛选时照常检索旧版本。"),
        ("retrieval_definitions_first", "定义条款优先", "问“X是指什么/什么是X”时，把界定该用语的条款（本法所称X，是指……）排在最前。"),
        ("retrieval_conditions_max_share", "条件加权的词语上限", "问条件时，问题中某个词出现在库中过多的“条件列举”条款里（如“申请”），说明它不能指明所问的行为，不据此加权。"),
        ("retrieval_doctrine", "学理术语按法条用语检索", "问题中的学理术语（不安抗辩权、表见代理、情势变更等）库中条文不用时，按规定该制度的条文原文一并检索。"),
        ("retrieval_conditions_boost", "条件、程序与清单加权", "问“X的条件”“哪些情形应当X”时，列举X的条件或情形的条款（有下列情形之一的，可以X：）排序靠前的程度；问“X怎么申请/流程”时规定X程序的条款（X，按照下列程序办理：），问“需要哪些材料”时列出该材料的条款（提交下列材料：）同样靠前（0 表示不用）。"),
        ("retrieval_value_boost", "期限与金额加权", "问“多久”“期限”“多少钱”时，写明期限或金额的条款排序靠前的程度（0 表示不用）。"),
        ("retrieval_unnamed_reference_docs", "未指明文件的条文", "问题只说“第七十九条”而未指明文件时，若有一份至这一数量的文件有该条，则分别列出（0 表示不列出）；更多时请用户说明是哪份文件。"),
        ("retrieval_rewrite", "大模型改写问题", "配置大模型时，先把问题改写成法律用语和可能的条文再检索（每个问题多一次大模型调用）。"),
        ("retrieval_rewrite_weight", "改写检索权重", "改写后的问题和可能条文在综合排序中的权重。"),
        ("retrieval_rrf_k", "排序融合常数", "综合多种检索结果时所用的倒数排名融合常数。"),
        ("retrieval_candidates", "候选条款数", "每种检索方式先取出的候选条款数。"),
        ("retrieval_revision_check_s", "条款库更新检查间隔（秒）", "检查条款库是否有新导入内容的最短间隔；0 表示每次提问都检查。"),
    ]),
    ("大模型", [
        ("llm_base_url", "大模型服务地址", "兼容 OpenAI 接口的对话服务地址（vLLM、Ollama、llama.cpp、DeepSeek 等）。"),
        ("llm_api_key", "大模型服务密钥", "对话服务的访问密钥；本页只显示是否已设置。"),
        ("llm_model", "大模型名称", "设置后由大模型组织回答；未设置时使用离线整理（条款原文摘录）。"),
        ("llm_temperature", "采样温度", "大模型生成的随机程度，越低越稳定。"),
        ("llm_timeout_s", "单次请求超时（秒）", "一次大模型请求的最长等待时间。"),
        ("llm_max_retries", "重试次数", "大模型请求失败（连接错误、限流、服务错误）后的重试次数。"),
        ("llm_deadline_s", "总时限（秒）", "一次回答或方案中大模型工作的总时限；超过后改用离线方式作答，并加以提示。"),
        ("llm_min_verified_share", "大模型回答的最低核对通过比例", "大模型的回答中通过引用核对的句子少于这一比例（修正一轮之后）时，改用离线整理的条款原文，并说明原因；0 表示始终保留大模型回答（未核实的句子会标注）。"),
        ("llm_max_tokens", "回复长度上限", "大模型一次回复的最大长度（按词元计）。"),
    ]),
    ("回答与引用核对", [
        ("answer_min_coverage", "作答门槛", "离线整理：问题中的关键内容至少有这一比例出现在最相关的条款中，才作答；否则回答“未找到依据”。配置大模型时由大模型判断。"),
        ("answer_parallel_share", "同一规则的其他层级条款", "离线整理：其他文件中与所引句子内容重合达到这一比例的条款（法律、规则、地方性法规重述同一规则），列入开头的“相关规定见”一行。"),
        ("answer_parallel_max", "同一规则条款的数量上限", "离线整理：每个回答最多列出这么多条重述同一规则的其他文件条款。"),
        ("answer_penalty_restating_share", "复述式罚则的相似度", "没有以条号援引某条义务的罚则时，罚则所列违法行为与该条义务用语的重合比例（按本文件中的稀有程度加权）达到此值，即视为处罚该义务的罚则；0 为关闭。"),
        ("answer_penalty_links", "按条号援引的罚则上限", "问到处罚（会怎么处罚、罚多少钱）时，最多带入这么多句以条号援引所找到条款的罚则（违反本条例第十二条规定的，处……）；0 为关闭。"),
        ("answer_relevance_share", "摘录相关度门槛", "离线整理：句子与问题的相关度至少达到最相关句子的这一比例才列出。"),
        ("answer_other_document_share", "其他文件句子的相关度门槛", "离线整理：与最相关句子不在同一文件、且不含该句所说问题中最少见用语的句子，相关度须达到最相关句子的这一比例才列出（0 表示不用，只按摘录相关度门槛）。"),
        ("answer_split_share", "事实与所问分属不同文件", "离线整理：问题所述事实由某些文件的条款覆盖、所问部分却只有其他文件覆盖时（例如把某一办法的调解书套用别的法律的强制执行规定），答“未找到直接规定”并列出条款；数值为条款须覆盖的词比例（0 表示不用）。"),
        ("answer_context_share", "问句借用上下文的比例", "离线整理：问数值的分句（如“最多能控多久”）不含文库用语时，借用问题其余部分的词，给出数值的句子须含其中这一比例的词。"),
        ("answer_max_statements", "摘录句数上限", "离线整理：一个回答最多列出的句子数。"),
        ("answer_thesaurus_weight", "同义法律用语权重", "离线整理：选句时，问题中口语词对应的法律用语（如“偷”对应“盗窃”）所占的权重；0 为不用。"),
        ("answer_max_reference_parts", "章节条款上限", "问到某一章、节或一组条文时，最多列出的条款数；超出时回答会说明只列出了前若干条。"),
        ("answer_legal_noun_statutes", "法律用词缺失门槛", "离线整理：问题所问的双字名词（如定金、林地）库中从未出现、而至少这么多部法律法规使用它时，在回答中提示该词未见于库中、所引条款未必针对所问（0 表示不提示）。"),
        ("answer_part_coverage", "分项未找到提示门槛", "离线整理：多问合一时，某一问的关键内容在回答中出现的比例低于此值，则注明该问未找到直接规定（0 表示不提示）。"),
        ("answer_support_high", "支持判定上限", "离线核对：句子内容在所引条款中出现的比例达到此值，判定为引用支持该句。"),
        ("answer_support_low", "支持判定下限", "离线核对：低于此值判定为不支持；介于两值之间为部分支持。"),
        ("answer_judge", "核对方式", "offline：离线逐字核对；llm：由所配置的大模型判断引用是否支持该句。"),
        ("unverified", "未通过核对的句子", "mark：保留并标注〔未核实〕，不进入导出文件；drop：直接删除。"),
        ("card_highlight_min_share", "原文高亮门槛", "引用条款卡片中，条款句子与回答句子重合达到这一比例时高亮显示。"),
    ]),
    ("工作方案", [
        ("plan_gather_per_query", "每次检索取用条款数", "离线起草提纲时，每个检索（请求、主题、重点词、目标与保障）取用的条款数。"),
        ("plan_gather_limit", "候选条款上限", "离线起草提纲时，汇总后保留供选择的条款数（按相关度）。"),
        ("plan_main_per_query", "主要依据文件的再检索条数", "离线起草时，若检索到的最佳条款多半出自同一文件，则在该文件内按各检索式再取的条款数（0 表示不再检索）。"),
        ("plan_whole_document_limit", "落实单一文件时读取的条款上限", "请求落实其点名的某一文件（如“落实……实施办法”）时，离线起草最多读取该文件的条款数，使每一章都能提供任务。"),
        ("plan_restatement_share", "同一规则合并阈值", "离线起草提纲时，两份文件的条款内容重合达到这一比例（不计条号）即视为同一规则，只列一次。"),
        ("plan_max_tasks", "主要任务上限", "离线起草提纲时，“主要任务”下最多列出的条目数。"),
        ("plan_penalty_tasks", "检查类提纲的罚则条目", "离线起草专项检查、执法检查、专项整治类提纲时，“主要任务”最后列出的本主题罚则条目上限（处理检查中发现的问题）；0 为关闭。"),
        ("plan_per_group", "每组条目上限", "离线起草提纲时，同一文件同一章节最多取用的条目数。"),
    ]),
    ("诊断", [
        ("debug", "调试模式", "命令行出错时显示完整的错误追踪。"),
        ("log_level", "日志级别", "写入服务日志的消息级别。"),
    ]),
]


def _table(columns: dict[str, list]) -> None:
    """A table whose every cell and heading is shown as plain text (st.table renders Markdown in cells)."""
    st.table({render.escape_md(k): [render.escape_md(str(v)) if v is not None else "–" for v in col] for k, col in columns.items()},
             hide_index=True)


def public_url(url: str | None) -> str:
    """An address as it may be shown: scheme, host, port and path only (no user, password, query)."""
    return public_address(url) or "未设置"


def shown_value(settings: Settings, field: str) -> str:
    value = getattr(settings, field)
    if isinstance(value, SecretStr) or field.endswith("api_key"):
        return "已设置（不显示）" if value else "未设置"
    if field.endswith("_url"):
        return public_url(value)
    if value is None or value == "":
        return "未设置"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def settings_page(settings: Settings) -> None:
    st.title("设置说明")
    st.markdown("以下是律据助手可以配置的各项设置及其当前生效的值。设置由管理员在部署时配置，修改后需重启应用才会生效；"
                "本页只供查看，不能在页面上修改。密钥不会显示，服务地址只显示主机与路径。")
    if settings.llm_configured:
        st.success(render.escape_md(f"当前生成方式：大模型（{settings.llm_model}，服务地址 {public_url(settings.llm_base_url)}）"))
    else:
        st.info("当前生成方式：离线整理。回答由条款原文摘录组成，每句均附引用；配置大模型名称与服务地址后，可由大模型组织回答。")
    st.info(EMBEDDERS_ZH.get(settings.embedder, f"当前向量化方式：{settings.embedder}"))
    for group, fields in SETTINGS_ZH:
        st.subheader(group)
        _table({"设置": [name for _f, name, _d in fields],
                  "当前值": [shown_value(settings, f) + ("（当前向量化方式不使用）" if f in UNUSED_BY.get(settings.embedder, ()) else "")
                           for f, _n, _d in fields],
                  "说明": [desc for _f, _n, desc in fields]})


EMBEDDERS_ZH = {
    "hashing": "当前向量化方式：hashing（离线字符片段向量，随程序提供，不是语义模型）。",
    "e5": "当前向量化方式：e5（multilingual-e5-small 语义模型，4 位量化，随程序安装并在本进程内运行，不连接任何服务）。",
    "openai": "当前向量化方式：openai（调用下列地址上的向量化服务与模型）。",
}
_OPENAI_ONLY = ("embedding_base_url", "embedding_api_key", "embedding_model", "embedding_query_prefix",
                "embedding_document_prefix", "embedding_timeout_s")  # (embedding_batch_size: every embedder's batches)
# the settings an embedder does not read: shown with their values, marked as not in use
UNUSED_BY = {"hashing": _OPENAI_ONLY, "e5": ("embedding_dim", *_OPENAI_ONLY), "openai": ("embedding_dim",)}


# ---- evaluation -------------------------------------------------------------------------------------------

TYPES_ZH = {"lookup": "条文查找", "paraphrase": "换种说法提问", "traditional": "繁体文件", "adversarial": "误导性提问",
            "multi": "多条款综合", "plan": "工作方案", "unanswerable": "无依据问题", "article_ref": "按条文编号查找"}
HALVES_ZH = {"tuning": "调参半集", "validation": "验证半集"}
# what the page's figures are, for a reader who is not an engineer (second trial: 平均倒数排名 and 调参半集 said nothing)
EVAL_INTRO = ("这些数字衡量的是随软件附带的测试问题集（问题与应引用的条款由人工写定），不是您导入的文件库：检索是否找到应引用的条款，"
              "回答是否引用了它们、每句话的引用是否经核对成立，以及文件中没有依据时是否如实回答“未找到依据”。"
              "问题集分为“调参半集”（用来选定参数）和“验证半集”（只用来检验，数字更能说明新问题上的表现）。")
METRICS_ZH = {
    "validity": ("引用有效率", "引用的条款确实存在且可定位的比例"),
    "coverage": ("附引用句子比例", "回答中附有引用的句子所占比例"),
    "citation_recall": ("引用支持率", "句子被其所引条款支持的比例"),
    "citation_precision": ("引用精确率", "每个引用确实支持其所在句子的比例"),
    "clause_number_ok": ("条款编号正确率", "回答中提到的条款编号与所引条款一致的比例"),
    "quotes_ok": ("引文一致率", "引号内的原文与条款一致的比例"),
    "gold_citation_recall": ("标准条款引用率", "标准答案所依据的条款被引用的比例"),
    "key_point_coverage": ("要点覆盖率", "标准答案要点在回答中出现的比例"),
    "refusal_accuracy": ("拒答判断正确率", "该答则答、该拒则拒的比例"),
    "unanswerable_refused": ("无依据问题拒答率", "条款库中没有依据的问题被明确拒答的比例"),
    "answerable_answered": ("有依据问题作答率", "有依据的问题得到回答的比例"),
    "adversarial_pass_rate": ("误导性提问通过率", "含错误前提的问题未被带偏的比例"),
    "plan_structure_ok": ("方案结构合格率", "工作方案提纲结构完整的比例"),
    "plan_gold_citation_recall": ("方案标准条款引用率", "工作方案引用标准条款的比例（逐份平均）"),
    "plan_gold_citation_recall_pooled": ("方案标准条款引用率（合并计）", "工作方案引用标准条款的比例（合并计算）"),
    "refusal_rate": ("拒答率", "回答为“未找到依据”的比例"),
}
RETRIEVAL_ZH = {"R@1": "前1条命中率", "R@3": "前3条命中率", "R@5": "前5条命中率", "R@10": "前10条命中率",
                "MRR@10": "平均倒数排名", "nDCG@10": "排序质量（nDCG）"}
MUTATIONS_ZH = {"overgeneralized": "过度概括", "wrong_clause": "引错条款", "negated": "否定原意", "fabricated_detail": "编造细节",
                "wrong_document": "引错文件", "changed_number": "改动数字", "irrelevant_extra_citation": "多引无关条款"}
LABELS_ZH = {"supported": "支持", "partially_supported": "部分支持", "unsupported": "不支持"}
GENERATORS_ZH = {"offline": "离线", "llm": "大模型"}


def _pct(v) -> float | None:
    return None if v is None else round(100 * float(v), 1)


def _pct_text(v) -> str:
    return "–" if v is None else f"{100 * float(v):.1f}%"


def eval_runs(root: Path) -> list[Path]:
    """Run folders with a summary, newest first (their names start with the time of the run)."""
    return sorted((p.parent for p in Path(root).glob("*/summary.json")), key=lambda p: p.name, reverse=True)


def run_label(run: Path) -> str:
    stamp, _, rest = run.name.partition("_")
    when = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]}" if len(stamp) >= 13 else stamp
    gen, _, judge = rest.partition("_")[0].partition("-")
    return f"{when} · 生成：{GENERATORS_ZH.get(gen, gen)} · 核对：{GENERATORS_ZH.get(judge, judge)}"


def _bars(rows: dict[str, dict[str, float | None]], y_label: str) -> None:
    """Grouped horizontal bars (percent) with Chinese names: {category: {series: value}}."""
    import pandas as pd

    frame = pd.DataFrame([{"类别": cat, "指标": s, "百分比": v} for cat, series in rows.items() for s, v in series.items()
                          if v is not None])
    if frame.empty:
        return
    import altair as alt

    single = frame["指标"].nunique() == 1
    encoding = dict(
        y=alt.Y("类别:N", title=None, sort=list(rows), axis=alt.Axis(labelLimit=220, labelFontSize=13)),
        x=alt.X("百分比:Q", title=y_label, scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("指标:N", title=None, legend=None if single else alt.Legend(orient="bottom", labelFontSize=13,
                                                                                      labelLimit=300)),
        tooltip=["类别", "指标", "百分比"])
    if not single:
        encoding["yOffset"] = "指标:N"  # the series side by side within a category
    chart = alt.Chart(frame).mark_bar().encode(**encoding).properties(height=alt.Step(24 if single else 14))
    st.altair_chart(chart, width="stretch")


def evaluation_page(settings: Settings) -> None:
    st.title("评估结果")
    runs = eval_runs(settings.eval_runs_path)
    if not runs:
        st.info("尚无评估记录。管理员运行评估后，结果会显示在这里。")
        st.caption(EVAL_INTRO + "运行方法：在命令行执行 `assistant eval run`（或 `assistant eval gate`）。")
        return
    run = st.selectbox("评估运行（最新在前）", runs, format_func=run_label, key="eval_run")
    try:
        summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        st.error("这次评估的结果文件无法读取。")
        return
    cfg = summary.get("config", {})
    facts = [f"问题集：{Path(cfg['dataset']).name}" if cfg.get("dataset") else "",
             f"核对样例：{Path(cfg['faithfulness']).name}" if cfg.get("faithfulness") else "",
             f"向量化：{cfg['embedder']}" if cfg.get("embedder") else "",
             f"代码版本：{cfg['git_sha']}" if cfg.get("git_sha") else "",
             f"用时 {cfg['seconds']} 秒" if cfg.get("seconds") is not None else ""]
    st.caption(render.escape_md(" · ".join(f for f in facts if f)))
    st.caption(EVAL_INTRO)
    tabs = [name for key, name in (("retrieval", "检索"), ("answers", "回答与引用"), ("checker", "引用核对器")) if key in summary]
    for tab, name in zip(st.tabs(tabs), tabs):
        with tab:
            {"检索": _retrieval, "回答与引用": _answers, "引用核对器": _checker}[name](summary)
    st.download_button("下载本次评估的数据（JSON）", data=(run / "summary.json").read_bytes(), file_name=f"{run.name}.json",
                       mime="application/json", key="eval_json")


def _retrieval(summary: dict) -> None:
    r = summary["retrieval"]
    c1, c2, c3 = st.columns(3)
    c1.metric("单条款问题：前5条命中率", _pct_text(r.get("single_R@5")), help="正确条款出现在检索结果前 5 条中的问题所占比例。")
    c2.metric("单条款问题：平均倒数排名", _pct_text(r.get("single_MRR@10")),
              help="正确条款排名的倒数的平均值：总排第 1 为 100%，总排第 2 为 50%，前 10 条中没有为 0。")
    c3.metric("方案与多条款问题：前10条命中率", _pct_text(r.get("plan_multi_R@10")),
              help="需要多条条款的问题（含工作方案）中，应引用的条款出现在前 10 条中的比例。")
    by_type = r.get("by_type", {})
    _bars({TYPES_ZH.get(t, t): {RETRIEVAL_ZH["R@5"]: _pct(row.get("R@5")), RETRIEVAL_ZH["MRR@10"]: _pct(row.get("MRR@10"))}
           for t, row in by_type.items()}, "百分比（%）")
    _table({"问题类型": [TYPES_ZH.get(t, t) for t in by_type], "问题数": [row.get("questions") for row in by_type.values()],
              **{RETRIEVAL_ZH[m]: [_pct_text(row.get(m)) for row in by_type.values()] for m in RETRIEVAL_ZH}})
    _halves(summary)


def _halves(summary: dict) -> None:
    """The fixed tuning and validation halves side by side: settings are chosen on the first, judged on the second."""
    halves = summary.get("halves") or {}
    if not halves:
        return
    rows = [("单条款问题：前5条命中率", "retrieval", "single_R@5"), ("单条款问题：平均倒数排名", "retrieval", "single_MRR@10"),
            ("方案与多条款问题：前10条命中率", "retrieval", "plan_multi_R@10"), ("有依据问题的作答率", "answers", "answerable_answered"),
            ("无依据问题的拒答率", "answers", "unanswerable_refused"), ("目标条款引用率", "answers", "gold_citation_recall")]
    st.markdown("**调参半集与验证半集**（参数只在调参半集上选定，验证半集用来检验是否推广）")
    _table({"指标": [r[0] for r in rows],
            **{HALVES_ZH.get(h, h): [_pct_text((halves[h].get(sec) or {}).get(key)) for _n, sec, key in rows] for h in halves}})


def _answers(summary: dict) -> None:
    a = summary["answers"]
    keys = [k for k in METRICS_ZH if k in a and k != "refusal_rate"]
    c = st.columns(4)
    for i, k in enumerate(("citation_recall", "gold_citation_recall", "key_point_coverage", "refusal_accuracy")):
        c[i].metric(METRICS_ZH[k][0], _pct_text(a.get(k)))
    by_type = a.get("by_type", {})
    shown = ("citation_recall", "gold_citation_recall", "key_point_coverage")
    _bars({TYPES_ZH.get(t, t): {METRICS_ZH[m][0]: _pct(row.get(m)) for m in shown} for t, row in by_type.items()}, "百分比（%）")
    cols = ("validity", "coverage", "citation_recall", "citation_precision", "gold_citation_recall", "key_point_coverage", "refusal_rate")
    _table({"问题类型": [TYPES_ZH.get(t, t) for t in by_type], "问题数": [row.get("questions") for row in by_type.values()],
              **{METRICS_ZH[m][0]: [_pct_text(row.get(m)) for row in by_type.values()] for m in cols}})
    st.markdown("**全部指标**")
    _table({"指标": [METRICS_ZH[k][0] for k in keys], "数值": [_pct_text(a.get(k)) for k in keys],
              "含义": [METRICS_ZH[k][1] for k in keys]})


def _checker(summary: dict) -> None:
    c = summary["checker"]
    cols = st.columns(4)
    cols[0].metric("判定准确率", _pct_text(c.get("accuracy")))
    cols[1].metric("平衡准确率（支持与否）", _pct_text(c.get("balanced_accuracy")))
    cols[2].metric("误报率", _pct_text(c.get("false_alarm_rate")))
    cols[3].metric("样例数", str(c.get("pairs", "–")))
    det = dict(sorted(c.get("detection_by_mutation", {}).items()))
    st.markdown("**对各类错误引用的识别率**")
    _bars({MUTATIONS_ZH.get(m, m): {"识别率": _pct(row.get("rate"))} for m, row in det.items()}, "识别率（%）")
    _table({"错误类型": [MUTATIONS_ZH.get(m, m) for m in det], "样例数": [row.get("pairs") for row in det.values()],
              "识别出": [row.get("detected") for row in det.values()], "识别率": [_pct_text(row.get("rate")) for row in det.values()]})
    conf = c.get("confusion")
    if conf:
        st.markdown("**判定结果对照（行：标注；列：核对器判定）**")
        labels = list(conf)
        _table({"标注 \\ 判定": [LABELS_ZH.get(t, t) for t in labels],
                  **{LABELS_ZH.get(p, p): [conf[t].get(p, 0) for t in labels] for p in labels}})
    if c.get("precision_pairs"):
        st.caption(f"多引用样例中，引用精确率符合预期的有 {c.get('precision_as_expected')}/{c['precision_pairs']} 个。")
