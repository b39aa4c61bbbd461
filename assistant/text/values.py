"""Values a legal question asks for and a clause states: time limits, amounts, counts (pure patterns).

Shared by retrieval (a question asking for a time limit ranks clauses stating one higher) and by the
offline answer decision (a value question needs a sentence that gives a value of the kind asked).
"""

from __future__ import annotations

import re

from assistant.text.numerals import CN_NUMERAL_CHARS

# --- what a question asks for (哪几个/哪几种 asks which ones, a list, not how many)
# which ones (a list): 哪些情形, 哪几种, 什么条件, 包括什么
ASKS_WHICH = re.compile(r"哪些|哪几[种类项个条方]|有几种|(?:什么|何种|哪种)(?:情形|情况|条件|行为|方式|材料|事项|人员|范围|内容)"
                        r"|包括(?:哪|什么)")
# 什么时候 / 何时 with the point it asks (之前, 开始, 起算, 生效 …) asks a time too; alone it may ask under what
# circumstances (链接什么时候能恢复: when the other side does not sue) or mean "whenever" (想什么时候来看孩子都行)
WHEN = (r"(?<![任论管])(?:什么时候|何时)"  # not 任何时候 / 无论何时 / 不管什么时候 (whenever)
        r"(?=[^，,。？?]{0,8}?(?:之前|以前(?!的)|(?<!提)前(?=[，,。？?]|$)|之后|以后|开始|起算|起计|之日起|截止|生效|施行|届满|到期))")
# a time of day (网吧几点关门, 晚上几点以后): not how many points (有哪几点要求, 几点意见)
CLOCK = (r"(?:(?<=[早晚上下中午夜里凌晨每天日])几点(?:钟)?|(?<![哪有这那])几点(?:钟)?(?=关门|开门|营业|上班|下班|到|至|以后|之后|以前|之前|前|后"
         r"|开始|结束|截止|停止|起|可以|能|才|就))")  # (not at the end: 需要注意几点, 包括几点 count points)
# (几 of 这几年, 好几个月, 几年前, a clause-opening 前几天 or 前几天跟…, counts nothing asked: a few days ago — 提前几天,
# 开庭前几日 and 届满前几个月 do ask; 如果哪天, 万一哪天 name no day asked)
FEW = r"(?<![这那好没近哪])(?<!^前)(?<![，,。？?！!\s]前)几(?!天[跟和与在去我他她刚就才还已])(?!个?[日天年月]前(?![要应必得须通提告]))"
WHICH_DAY = r"(?<!如果)(?<!万一)(?<!要是)(?<!假如)(?<!哪天)(?<!记得是)哪一?天"
# a time limit asked whether there is one (申请司法确认有期限吗？, 起诉有没有时间限制？): the reader wants it, as 期限是多久
LIMIT_ASKED = r"(?:有没有|有无|是否有|有)(?:什么|个)?(?:期限|时限|时间限制|期限限制|时间要求)(?=[吗呢？?。，,!！]|$)"
ASKS_VALUE = re.compile(rf"多少|{FEW}[日天年月个次名项条人倍张件份位本套页岁]|(?<![这那哪])几[类种]|第几号|多长|多久|期限是|{WHICH_DAY}|{WHEN}|最[长短多少迟晚早]"
                        rf"|{LIMIT_ASKED}"
                        r"|百分之几|几成|百分比|几(?:平方|立方)?(?:米|公里|千米|公斤|千克|吨|升)"  # any value (a share, a measure)
                        r"|(?:按|以)(?:什么|多大|何种|怎样的)比例"  # (佣金按什么比例收取: a share — trial S)
                        rf"|{CLOCK}")
ASKS_TIME = re.compile(rf"多久|多长时间|期限|时限|时间限制|{FEW}[日天]|{FEW}个(?:月|小时|工作日)|{WHICH_DAY}|最[迟晚]|最长(?:多久|时间|期限)|多少[日天]")
ASKS_MONEY = re.compile(r"多少钱|多少元|金额|数额|多少保证金|罚款多少|赔多少")
# the unit asked (group 1) or a time limit asked (group 2)
# measures (面积不得少于六平方米, 层高不低于二点五五米, 重量…公斤), longest first
MEASURES = "平方公里|平方米|立方米|公里|千米|厘米|毫米|米|公斤|千克|吨|毫升|升"
ASKED = re.compile(rf"(?:多少|{FEW})(?:个)?(万元|元|钱|块钱|工作日|日|天|个月|月|年|小时|分钟|周岁|岁|周|次|名|人|项|条|倍|张|件|份|{MEASURES}"
                   r"|个(?!月|工作日|小时|星期|人|名)"  # 卖多少个就够判刑: a count of things (…二十个以上)
                   r"|(?<![这那哪]几)(?<=几)[类种]"  # 分为几类 (这几类职工…多少日: a reference, the value asked after it)
                   r"|(?<=第几)号|(?<=第多少)号)"  # 第几号令: a number of an order or a document, stated 第N号
                   rf"|(多久|多长时间|多长|期限|时限|时间限制|{WHICH_DAY}|{WHEN}|最迟|最晚)"
                   r"|(百分之几|百分之多少|几成|百分比|多少比例|比例是多少|(?:按|以)(?:什么|多大|何种|怎样的)比例)"  # group 3: a share
                   rf"|({CLOCK})")  # group 4: a time of day
# when something starts or is counted from, asked (从哪天开始算, 什么时候开始计算): all asking words, no topic
ASKS_WHEN_STARTS = r"从?(?:哪一?天|什么时候|何时)(?:开始|起(?![诉草]))?(?:计算|起算|算起|算)?"
# the words that ask, which are never the topic of the question
ASKING_WORDS = re.compile(rf"几点(?:钟)?|第(?:几|多少)号|(?:多长|多少|多久|几)(?:个)?(?:时间|期限|日|天|月|年|小时|元|万元|块钱|钱|人|名|次|项|条|倍|类|种|周岁|岁|比例|{MEASURES})?"
                          r"(?:以?内|之内)?"
                          r"|百分之几|百分之多少|几成|百分比|多少比例|比例是多少|(?:按|以)?(?:什么|多大|何种|怎样的)比例"
                          rf"|最[长短多少迟晚早高低]|期限是?|时间|{WHICH_DAY}|什么时候|何时|是否|能否|可以|应当|需要")

# --- how a clause states one
VALUE = re.compile(rf"(?:\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+(?:点[{CN_NUMERAL_CHARS}]+)?|(?<![一两多大过上下])半)\s*(?:余|多)?(?:个)?(?:余|多)?(万元|亿元|元|工作日|日|天|个月|月|年|小时|分钟|周岁|岁|周|次|名|人|项|条|倍|张|件|份|(?<=[\d{CN_NUMERAL_CHARS}]个)(?:(?!以|时期)[\u4e00-\u9fff]){{0,2}}?(?:周期|年度|学年|学期|期)|(?<=[\d{CN_NUMERAL_CHARS}])个(?=以上|以下|以内|左右|[。，,；;、]|$)|(?<=[二两三四五六七八九十\d])[类种]|%|％|{MEASURES}|(?<=\d)号|(?<=[{CN_NUMERAL_CHARS}])号(?=令|文))"
                   # a share written out (百分之十, 三分之一, 千分之五): group 2
                   rf"|(?:百|千|万|[{CN_NUMERAL_CHARS}]+)(分之)(?:\d+|[{CN_NUMERAL_CHARS}]+)")
# a clock time stated: 8时至24时, 22点以后, 晚上十点, 凌晨2时 — a time of the clock, not 因一时疏忽 or 以下三点要求
_HOUR = r"(?:[01]?\d|2[0-4]|[零一二两三四五六七八九十]|十[一二]|二十[一二三四]?)(?:时|点)(?:[0-5]?\d分|半)?"
STATES_CLOCK = re.compile(rf"{_HOUR}(?=至|到|以后|之后|以前|之前|前|后|起|止|[,，。；;、])"
                          rf"|(?:至|到|早|晚|晚上|早上|上午|下午|中午|夜间|夜里|凌晨|次日|每日|每天){_HOUR}")
TIME_UNITS = ("日", "天", "月", "年", "小时", "时", "分钟", "周", "工作日")
# a period counted in the named periods of a field (2个采暖期, 一个会计年度, 两个学期, 三个生产周期): a time too
NAMED_PERIOD_UNIT = re.compile(r"(?:周期|年度|学年|学期|期)$")
STATES_TIME = re.compile(r"(?:\d+|[一二三四五六七八九十百两]+|(?<![一两多大过上下])半)(?:个)?(?:日|天|工作日|个月|月|年|小时)(?:以内|内|之内|以上|届满)?|期限")
STATES_MONEY = re.compile(r"(?:\d+|[一二三四五六七八九十百千万两]+)(?:万)?元")

ASKS_COUNT = re.compile(r"(?:(?<!哪)几|多少)(?:个|名|人|次|项|张|件|份)|人数|名额|最少要|最多要|至少要|最低要求")
STATES_COUNT = re.compile(r"(?:不得|不|应当)?(?:少于|多于|超过)(?:\d+|[一二三四五六七八九十百两]+)(?:个|名|人|次|项|张|件|份)"
                          r"|(?:\d+|[一二三四五六七八九十百两]+)至(?:\d+|[一二三四五六七八九十百两]+)(?:个|名|人|张|件|份)"
                          r"|(?:\d+|[一二三四五六七八九十百两]+)(?:个|名|人|张|件|份)(?:以上|以下|以内)"
                          r"|一式(?:\d+|[二三四五六七八九十两]+)份")  # (the copies a paper is made in: 申请书一式四份)

# kind -> (the question asks for it, a clause states it)
# a share or a rate asked (按多少比例征税, 税率是多少, 百分之几) and stated (4.65%, 百分之三十, 三成)
ASKS_SHARE = re.compile(r"百分之几|百分之多少|几成|百分比|多少比例|比例是多少|比例多少|比例为多少|(?:按|以)(?:什么|多大|何种|怎样的)比例"
                        r"|(?:税|费|利|计征|征收|提取|缴费)率(?:是|为|有)?多少|多少(?:的)?(?:税率|费率|利率)")
STATES_SHARE = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|[百千]分之[零〇一二两三四五六七八九十百点]+|[一二三四五六七八九]成(?![年员立为本功绩果交])")
# a question on when a document (本法, 这个规定, 非法集资条例) takes effect — not when an act (裁决书, 调解协议) does — and
# the commencement clause that tells it (本规定自2016年3月1日起施行), often a closing line below the last heading
ASKS_COMMENCEMENT = re.compile(r"(?:法|条例|规定|办法|解释|细则|规则|决定|意见|方案|规范|通知)》?(?:分别|各自|都)?(?:是)?(?:从)?"
                               r"(?:什么时候|何时|哪天|哪一天|几号|哪年|哪一年)(?:开始|起)?(?:施行|生效|实施|实行)"
                               r"|(?:法|条例|规定|办法|解释|细则|规则|决定|规范)》?的?(?:施行|生效|实施|实行)(?:日期|时间)")
STATES_COMMENCEMENT = re.compile(r"本[\u4e00-\u9fff]{1,8}(?:自|从)[^。；;]{2,40}?(?:起|后)(?:施行|生效|实施|实行|执行)|(?:施行|生效)(?:日期|之日)")
VALUE_KINDS = {"time": (ASKS_TIME, STATES_TIME), "money": (ASKS_MONEY, STATES_MONEY), "count": (ASKS_COUNT, STATES_COUNT),
               "share": (ASKS_SHARE, STATES_SHARE), "commencement": (ASKS_COMMENCEMENT, STATES_COMMENCEMENT)}
