"""Subjects by the rules of CLAIMS.md v2 §Subject: the owner, the scope carried from the clause,
sentence, paragraph or headline, change claims, lists, shares, and what is never a subject.

The sentences are written for these tests in the phrasing of releases; none is copied from a
release the extractor is measured on.
"""

from __future__ import annotations

import pytest

from pressmine import extract


def subject_of(text: str, claim_text: str, nth: int = 0) -> str | None:
    found = [c for c in extract(text) if c.text == claim_text]
    assert len(found) > nth, f"{claim_text!r} not in {[c.text for c in extract(text)]}"
    return found[nth].subject


# (rule, text, claim text, subject)
CASES = [
    # 1. The owner or actor is part of the subject.
    ("owner", "国有控股企业实现利润总额8200亿元。", "8200亿元", "国有控股企业利润总额"),
    ("owner", "招商银行上半年实现净利润750亿元。", "750亿元", "招商银行净利润"),
    ("owner-count", "四川共派出12支医疗队。", "12支", "四川派出医疗队"),
    ("owner-count", "省军区派出5辆运输车。", "5辆", "省军区派出运输车"),
    ("owner-list", "市消防支队共出动300人、45辆车。", "45辆", "市消防支队出动车"),
    ("owner-verb", "云南昭通市5.0级地震已造成当地4人遇难。", "4人", "云南昭通市地震遇难"),
    ("owner-causal", "台风共造成3.2万人受灾。", "3.2万人", "台风受灾"),
    ("owner-sector", "1-6月，纺织业实现利润总额600亿元。", "600亿元", "纺织业利润总额"),
    (
        "owner-before-its-measure",
        "规模以上工业企业实现营业收入60万亿元。",
        "60万亿元",
        "规模以上工业企业营业收入",
    ),
    # 2. Scope carries over: from the headline, a scope frame, the paragraph.
    (
        "headline",
        "招商银行上半年业绩\n\n报告期内，净利息收入1100亿元，同比增长3%。",
        "1100亿元",
        "招商银行净利息收入",
    ),
    (
        "headline-with-a-verb",
        "江西赣锋锂业股份有限公司2023年年度报告摘要\n\n报告期内，公司实现营业收入330亿元。",
        "330亿元",
        "江西赣锋锂业股份有限公司营业收入",
    ),
    (
        "frame",
        "规模以上工业企业中，国有企业增加值增长5%。",
        "5%",
        "规模以上工业企业国有企业增加值",
    ),
    (
        "frame-then-actor",
        "规模以上工业企业中，私营企业实现利润总额1.9万亿元。",
        "1.9万亿元",
        "规模以上工业企业私营企业利润总额",
    ),
    (
        "paragraph-name",
        "浙江完成固定资产投资9000亿元。其中，民间投资增长6%。",
        "6%",
        "浙江民间投资",
    ),
    # 3. A change claim has the subject of the quantity that changed.
    ("change", "出口2.3万亿元，同比增长8.1%。", "8.1%", "出口"),
    ("change-basis", "工业增加值比2019年同期增长9.2%。", "9.2%", "工业增加值"),
    ("change-owner", "化纤业实现利润总额300亿元，同比下降4%。", "4%", "化纤业利润总额"),
    ("change-after-level", "毛利率为80%，其他产品营收为50亿元，同比增长9%。", "9%", "其他产品营收"),
    # points of a growth rate the clause names: what grew, and the rate (SOURCES: X增长率)
    ("change-over", "零售额增长6%，增速比上月高出1个百分点。", "1个百分点", "零售额增速"),
    ("change-over-no-rate", "零售额增长6%，比上月高出1个百分点。", "1个百分点", "零售额"),
    (
        "change-over-owner",
        "采矿业实现利润总额5024.5亿元，同比下降16.2%，降幅比1-9月收窄0.4个百分点。",
        "0.4个百分点",
        "采矿业利润总额降幅",
    ),
    # 4. Lists share subjects in order; 分别 and 各 map them.
    ("respectively", "钢材、水泥产量分别增长3%和4%。", "4%", "水泥产量"),
    (
        "respectively-shared-ending",
        "东部、中部、东北地区投资分别增长3%、5%、2%。",
        "3%",
        "东部地区投资",
    ),
    (
        "respectively-share",
        "钢材、水泥产量分别增长3%和4%，占全省工业产量比重分别为20%和10%。",
        "10%",
        "水泥产量占全省工业产量比重",
    ),
    (
        "respectively-verb-compounds",
        "电子专用设备制造、电子器件制造增加值分别增长15%和13%。",
        "15%",
        "电子专用设备制造增加值",
    ),
    (
        "respectively-ordinals",
        "第一、二、三产业增加值分别增长3%、5%、6%。",
        "5%",
        "第二产业增加值",
    ),
    (
        "respectively-from-a-frame",
        "入境旅客以内地、台湾旅客为主，分别占70%及20%。",
        "20%",
        "台湾旅客占",
    ),
    ("each", "电费、水费各涨2%、3%。", "3%", "水费"),
    ("implicit-list", "货物出口、服务出口同比增长5%、7%。", "7%", "服务出口"),
    (
        "list-by-conjunction",
        "烟草、衣着和医疗及保健的价格分别上升2%、3%及4%。",
        "4%",
        "医疗及保健的价格",
    ),
    # A category without a measure of its own shares the measure named before it.
    (
        "shared-measure",
        "工业增加值增长6%；其中，采矿业增长2%，制造业增长7%。",
        "7%",
        "制造业增加值",
    ),
    (
        "subset-measure",
        "前三季度，进出口总值30万亿元。其中，出口17万亿元。",
        "17万亿元",
        "出口总值",
    ),
    ("bracketed-note", "风电装机容量(并网)500万千瓦。", "500万千瓦", "风电装机容量"),
    (
        "quoted-summary",
        "前三季度，风电设备、光伏组件“新两样”产品出口900亿元。",
        "900亿元",
        "“新两样”产品出口",
    ),
    # 5. Counts name the counted thing (with what describes it).
    ("count", "已建成充电桩300万个。", "300万个", "充电桩"),
    ("measure-of-the-noun-after", "以实用面积400平方呎的单位为例。", "400平方呎", "实用面积单位"),
    ("share-of-owner", "（一）中小企业75%的电费。", "75%", "中小企业电费"),
    ("count-described", "每天约5万辆货车驶入港区。", "约5万辆", "每天货车驶入港区"),
    ("count-described-where", "300多万辆汽车行驶在高速公路。", "300多万辆", "汽车行驶在高速公路"),
    # 6. Shares and ratios name both sides.
    ("share", "服务出口1.2万亿元，占出口总值的18%。", "18%", "服务出口占出口总值"),
    (
        "respectively-then-the-measure",
        "东部、中部、西部地区分别完成投资6.2、3.9、1.4万亿元。",
        "3.9",
        "中部地区投资",
    ),
    (
        "respectively-items-with-verbs",
        "其中死亡失踪人数、紧急转移安置人次和倒塌房屋数量分别下降18%、9%和40%。",
        "9%",
        "紧急转移安置人次",
    ),
    (
        "actor-of-a-clause-opening-on-its-figure",
        "各类灾害共造成全省56人死亡，12人失踪。",
        "12人",
        "灾害失踪",
    ),
    (
        "clipped-list",
        "大、中、小型企业利润分别增长4.1%、2.6%和1.9%。",
        "2.6%",
        "中型企业利润",
    ),
    (
        "clipped-list-without-its-growth-word",
        "大、中、小型企业利润降幅分别收窄1.0、1.2和1.9个百分点。",
        "1.0",
        "大型企业利润",
    ),
    (
        "unnamed-list-after-a-respectively-list",
        "新能源汽车和工业机器人产量分别增长30.5%和21.0%，占全省工业比重分别为6.1%和2.4%，"
        "比上年提高1.5和0.8个百分点。",
        "0.8个百分点",
        "工业机器人产量占全省工业比重",
    ),
    (
        "verb-opening-a-generic-head",
        "本次分红金额为12.5亿元。分红比例为45%，创历史新高。",
        "45%",
        "分红比例",
    ),
    ("per-before-a-count", "港口每天约3000艘次船舶进出。", "约3000艘次", "每天船舶进出"),
    (
        "per-and-verb-before-a-count",
        "高峰时段每小时开出一百辆公交车。",
        "一百辆",
        "每小时开出公交车",
    ),
    (
        "average-names-the-figure-before",
        "全市港口货物吞吐量累计3.2亿吨，日均88万吨。",
        "88万吨",
        "港口货物日均吞吐量",
    ),
    (
        "from-a-period",
        "经季节性调整的失业率由今年五月至七月的3.1%上升至六月至八月的3.3%。",
        "3.1%",
        "经季节性调整的失业率",
    ),
    (
        "adverb-before-the-verb-is-no-noun",
        "总就业人数由五月至七月的2 100 300人微跌至六月至八月的2 098 900人。",
        "2 098 900人",
        "总就业人数",
    ),
    ("labour-indicator-name", "就业不足率则由1.2%下降至1.1%。", "1.1%", "就业不足率"),
    ("dangling-frame-opener", "营业收入按年增12%至860亿元。", "12%", "营业收入"),
    ("base-figure", "公司毛利率为31.4%，与上年31.2%基本持平。", "31.2%", "公司毛利率"),
    (
        "rate-name-kept",
        "全年出口4200亿美元、进口3100亿美元，年增率达12.4%及8.9%。",
        "8.9%",
        "进口年增率",
    ),
    ("rate-name-after-its-subject", "去年对日本出口年增率为15%。", "15%", "日本出口年增率"),
    (
        "former",
        "全省规模以上企业的营业收入与利润总额均有增加，前者增长9.2%，后者增长6.4%。",
        "9.2%",
        "规模以上企业营业收入",
    ),
    (
        "latter",
        "全省规模以上企业的营业收入与利润总额均有增加，前者增长9.2%，后者增长6.4%。",
        "6.4%",
        "规模以上企业利润总额",
    ),
    (
        "share-of-the-scope-frame",
        "在今年5月的零售业总销货价值中，网上销售占9.1%。",
        "9.1%",
        "网上销售占零售业总销货价值",
    ),
    (
        "share-of-the-sentence-count",
        "经高速公路出行车辆为420万辆次，小型客车占81.5%。",
        "81.5%",
        "小型客车占经高速公路出行车辆",
    ),
    (
        "respective-shares-of-the-sentence-count",
        "其中120万人次经铁路出行，以学生、教师及务工人员为主，分别占41.2%、9.5%及33.9%。",
        "33.9%",
        "务工人员占经铁路出行",
    ),
    (
        "share-with-the-base-named-just-before",
        "散客占总数62.4%；团体旅客则占37.6%。",
        "37.6%",
        "团体旅客占总数",
    ),
    (
        "bare-share-is-the-count-before",
        "全市共有危房住户2.1万户，当中约1.5万户居于旧楼，占71%。",
        "71%",
        "居于旧楼占危房住户",
    ),
    ("ratio-in-brackets", "上涨的类别有交通(+4.1%)和医疗(+2.2%)。", "+2.2%", "医疗"),
    (
        "brackets-share-the-sentence-measure",
        "通胀率为3%。价格指数上升的大类有交通(+4.1%)和医疗(+2.2%)。",
        "+2.2%",
        "医疗价格指数",
    ),
    ("owner-numbered", "武警第3支队派出8辆救援车。", "8辆", "武警第3支队派出救援车"),
    # 8. Never a reporting phrase, a linking verb alone, or a generic head alone.
    (
        "a-listing-verb-is-no-part",
        "公司公布300亿元融资计划，当中包括澳门政府以120亿元入股。",
        "120亿元",
        "澳门政府入股",
    ),
    ("linking-verb", "政府提供电费补贴，涉及20亿元。", "20亿元", "电费补贴涉及"),
    ("generic-head", "推出住房补贴，每户上限为8000元。", "8000元", "住房补贴每户上限"),
    ("per-unit", "调查显示，每月平均开支在6000至9000元之间。", "6000至9000元", "每月平均开支"),
    ("range-linking-verb", "每股回购价格介乎40元至45元。", "40元至45元", "每股回购价格"),
    ("from-to", "学员津贴额从3000元增至4200元。", "4200元", "学员津贴额"),
    ("currency-before-number", "每月净开支大约港币5亿元。", "大约港币5亿元", "每月净开支"),
    ("low-to", "新盘的实用面积最低至180平方呎。", "180平方呎", "实用面积"),
    ("change-word-cut-apart", "燃油价格上涨，合共推高通胀率1.2个百分点。", "1.2个百分点", "通胀率"),
    # 1. The actor, past whom it acts for: 码头[为租户]提供.
    (
        "actor-before-a-beneficiary",
        "（三）西九龙码头为租户提供3个月租金减免。",
        "3个月",
        "西九龙码头租金减免",
    ),
    ("government-owner", "港府向航空公司提供50亿元贷款。", "50亿元", "港府贷款"),
    ("measure-link", "1-10月，汽车制造业完成营业收入6394亿元。", "6394亿元", "汽车制造业营业收入"),
    (
        "frame-with-a-count",
        "在41个工业大类行业中，25个行业利润总额同比增加。",
        "25个",
        "工业大类行业利润总额",  # the pieces do not repeat 行业 where they meet
    ),
    (
        "industry-name-in-traditional-script",
        "電腦、通信和其他電子設備製造業增長19.3%。",
        "19.3%",
        "电脑、通信和其他电子设备制造业",
    ),
    (
        "share-word-cut-apart",
        "同期，加工贸易进出口2.57万亿元，增长18%，占比达22.1%。",
        "22.1%",
        "加工贸易进出口占比",
    ),
    (
        "a-thing-and-its-parts",
        "其中，手机增长35.6%，汽车及其零部件增长12.2%。",
        "12.2%",
        "汽车及其零部件",
    ),
    ("surplus-is-a-measure", "其中，进口额5.6万亿元；贸易顺差8933亿元。", "8933亿元", "贸易顺差"),
    # Taiwan's releases: who predicts reports; 落在 links; a sector named after a verb; a
    # topic, then why; a record is no topic; a change inside the brackets.
    (
        "a-reporter-that-predicts",
        "经济部昨日发布11月零售业营业额4459亿元，经济部原预估会呈负成长，却意外年增1.4%。",
        "1.4%",
        "零售业营业额",
    ),
    ("falls-in", "营业额约落在4353亿至4484亿元。", "4353亿至4484亿元", "营业额"),
    ("sector-named-after-a-verb", "电子购物及邮购业年增12.8%。", "12.8%", "电子购物及邮购业"),
    (
        "topic-then-why",
        "电子购物业年增12.8%；汽机车零售业则因进口车销量减少，年减9.0%。",
        "9.0%",
        "汽机车零售业",
    ),
    (
        "a-record-is-no-topic",
        "综计第1季营业额为1兆485亿元，为历年同期新高，年增3.9%。",
        "3.9%",
        "营业额",
    ),
    ("change-in-brackets", "其中以非店面零售业(年增13.1%)贡献最为显著。", "13.1%", "非店面零售业"),
    (
        "after-a-growth-written-zheng-chengzhang",
        "今年零售业营业额成长趋缓，今年第1季正成长0.9%，第2季年减1.6%。",
        "1.6%",
        "零售业营业额",
    ),
    # Hong Kong's labour releases: 人口 is a measure; 就业不足人数 is one name.
    ("population", "总就业人数为368万人；总劳动人口为383万人。", "383万人", "总劳动人口"),
    (
        "labour-count",
        "失业人数增至15.1万人。同期的就业不足人数亦由55,200人上升至59,400人。",
        "59,400人",
        "就业不足人数",
    ),
    (
        "share-cut-in-two",
        "上市公司实现海外业务收入3.83万亿元，海外业务收入占比10.98%。",
        "10.98%",
        "上市公司海外业务收入占比",
    ),
    (
        "kinds-before-deng",
        "上半年，食品饮料、家用电器等行业净利润同比增长超8%。",
        "超8%",
        "食品饮料、家用电器等行业净利润",
    ),
    (
        "examples-before-deng",
        "有关部门紧急调拨帐篷、棉被、折叠床等应急救灾物资12万件。",
        "12万件",
        "有关部门紧急应急救灾物资",
    ),
    # 2. A list of parts of what the figure before measured takes the rest of its measure.
    (
        "parts-of-the-whole-before",
        "全年总电力供应目标为800亿度，其中水、火电力分别为300亿度及500亿度。",
        "500亿度",
        "火电力供应目标",
    ),
    (
        "topic-after-a-span-of-time",
        "至于未来十年总医院床位目标与去年相若，约1.2万张。",
        "约1.2万张",
        "总医院床位目标",
    ),
    # 即 restates the figure before: it names no measure of its own.
    (
        "restated-after-ji",
        "本市登记失业人员为3.1万人，比上年增加1,500人，即上升5.1%。",
        "5.1%",
        "失业人员",
    ),
    # A word the dictionary lacks, cut into single characters, is one noun; 续 is an adverb.
    ("characters-of-an-unknown-word", "交通類上漲2.1%，其中外送費續漲4.2%。", "4.2%", "外送费"),
    (
        "particle-inside-an-unknown-word",
        "標題\n\n今年薪俸稅、利得稅為1,200億元。",
        "1,200億元",
        "薪俸税、利得税",
    ),
    # A generic head after a clause that opens on a noun: that noun is the topic.
    (
        "topic-of-the-clause-before",
        "標題\n\n薪俸稅會寬免75%。住宅差餉全免兩季,每季上限2,000港元。",
        "2,000港元",
        "住宅差饷全免每季上限",
    ),
    # A count of kinds names the predicate that says which of them are counted (rule 5)...
    (
        "which-are-counted",
        "标题\n\n前三季度，31个省份收入普遍实现正增长，其中14个地区保持两位数增长。",
        "14个",
        "地区保持两位数增长",
    ),
    # ... and a category after it still takes the measure the count named, not the predicate.
    (
        "measure-carried-past-a-predicate",
        "标题\n\n1-8月，39个行业中有30个行业工业增加值实现同比增长，汽车制造业增长7.8%。",
        "7.8%",
        "汽车制造业增加值",
    ),
    # 及其他 closes a list of kinds (the segmenter cuts it 及其|他), and what names a measure
    # (跌幅) is no first half of a noun before a verb (来自).
    (
        "list-closed-by-qita",
        "標題\n\n按類別分析，電器及其他耐用消費品(下跌25.1%)、鞋類、有關製品及其他衣物配件(下跌43.1%)。",
        "43.1%",
        "鞋类、有关制品及其他衣物配件",
    ),
    (
        "measure-name-then-verb",
        "標題\n\n與一年前比較，主要跌幅來自汽車及汽車零件(下跌24.2%)。",
        "24.2%",
        "汽车及汽车零件",
    ),
    # A rate counts nothing after it: a verb right after it goes on with the clause.
    ("rate-then-verb", "社會消費零售增2.9%勝預期\n\n正文。", "2.9%", "社会消费零售"),
    # A time window's unit is no part of the noun the segmenter glues it to (三个|月销量), and
    # 〇 is a digit of a year, no noun (二〇二四年).
    ("unit-of-a-window", "標題\n\n过去三个月销量上升3%。", "3%", "销量"),
    ("zero-of-a-year", "標題\n\n二〇二四年上半年营收增长5%。", "5%", "营收"),
    # A listed company's stock code in brackets is no part of its name.
    (
        "stock-code",
        "標題\n\n招商銀行(600036)上半年實現淨利潤為447.56億元。",
        "447.56億元",
        "招商银行净利润",
    ),
    (
        "name-cut-into-characters",
        "標題\n\n海普瑞(002399)淨利潤同比增長2840%。",
        "2840%",
        "海普瑞净利润",
    ),
    # Whoever 实现 links to a measure owns it, a name the packs know or not; 实现 before a
    # change links the subject to it and is no part of it.
    (
        "actor-of-a-measure-link",
        "標題\n\n錦航科技實現淨利潤為2.41億元。",
        "2.41億元",
        "锦航科技净利润",
    ),
    (
        "measure-link-before-a-change",
        "標題\n\n规模以上工业增加值实现同比增长6.2%。",
        "6.2%",
        "规模以上工业增加值",
    ),
    # Adverbs of degree and continuation stand between a subject and its number.
    (
        "adverb-of-degree",
        "標題\n\n上半年,公司營業收入同比小幅下降695.68萬元。",
        "695.68萬元",
        "公司营业收入",
    ),
    # A figure in a frame that sets a base (在…基础上) is the base of what opens the clause.
    (
        "base-in-a-frame",
        "標題\n\n全市网上商品零售额在上年同期18.0%的高增速基础上，继续实现38.6%的增长。",
        "18.0%",
        "网上商品零售额",
    ),
    # 按|年 is one linking word (year on year), cut in two; a revision names no measure.
    (
        "basis-cut-in-two",
        "標題\n\n2月零售業總銷貨價值按年升15.7%,至338億元。",
        "15.7%",
        "零售业总销货价值",
    ),
    (
        "revision-of-a-measure",
        "標題\n\n今年1月的零售業總銷貨價值的修訂為432億元。",
        "432億元",
        "零售业总销货价值",
    ),
    # A link verb names nothing: the topic before it is the subject, without how it ranks.
    (
        "topic-without-its-rank",
        "標題\n\n期間雜項耐用消費品的銷貨量升幅最大,錄得84.4%的按年升幅。",
        "84.4%",
        "杂项耐用消费品的销货量",
    ),
    # An agency before a headline's colon is its source, not the release's scope; a span of
    # time named by what happened (主汛期以来) opens the clause before its actor.
    (
        "agency-as-source",
        "應急管理部:主汛期以來洪澇災害已致4552.3萬人次受災\n\n正文。",
        "4552.3萬人次",
        "洪涝灾害受灾",
    ),
    # A verb opening the clause says which things a generic head counts.
    (
        "verb-opening-a-count",
        "標題\n\n与近五年均值相比,倒塌房屋数量下降72.4%。",
        "72.4%",
        "倒塌房屋数量",
    ),
    # A quoted event name is part of its owner, digits and all; places listed before a verb
    # share it.
    (
        "quoted-event-name",
        "標題\n\n貴州水城“7·23”特大山體滑坡災害造成51人死亡失蹤。",
        "51人",
        "贵州水城“7·23”特大山体滑坡灾害死亡失踪",
    ),
    (
        "places-sharing-a-verb",
        "標題\n\n特別是江西、湖南緊急轉移安置近百萬人次。",
        "近百萬人次",
        "江西、湖南紧急转移安置",
    ),
    # The clause before names what was reported, not who reported it.
    (
        "reported-topic",
        "標題\n\n主計總處公布3月分消費者物價總指數(CPI),較上月跌0.98%。",
        "0.98%",
        "消费者物价总指数(CPI)",
    ),
    # After 完成/实现, a verb names what the measure counts; 本外币 is no pronoun.
    ("measure-link-then-verb", "1-6月，全市完成快递业务量8.6亿件。", "8.6亿件", "快递业务量"),
    ("local-and-foreign-currency", "3月末，本外币存款余额12万亿元。", "12万亿元", "本外币存款余额"),
    # A name the lexicon lacks, right before the year a headline reports, scopes the release;
    # a subject that says it already does not say it twice.
    (
        "headline-name-before-its-year",
        "比亞迪2025年上半年營收3712億元\n\n報告期內，毛利率為18.0%。",
        "18.0%",
        "比亚迪毛利率",
    ),
    (
        "headline-name-said-once",
        "長城汽車2024年營收2021億元\n\n長城汽車海外業務收入為800億元。",
        "800億元",
        "长城汽车海外业务收入",
    ),
    # A time word and a shared scope may stand between 占 and the base of a share.
    (
        "share-past-when",
        "标题\n\n1-3月，服务业实际使用外资50亿美元，占同期全国总量的62.5%。",
        "62.5%",
        "服务业实际使用外资占同期全国总量",
    ),
    # A clause that opens on 影响 says how far the figure before it moved another measure.
    (
        "impact-of-the-figure-before",
        "标题\n\n鲜菜价格上涨8.1%，影响CPI上涨约0.17个百分点。",
        "约0.17个百分点",
        "鲜菜价格影响CPI",
    ),
    # A list after a colon is measured as the clause before the colon names.
    (
        "colon-list-measure",
        "標題\n\n主要經濟體最新通脹率如下：歐元區2.4%、日本3.1%。",
        "3.1%",
        "日本通胀率",
    ),
    # A time word may stand between the reporter and its verb (今日公布).
    (
        "reported-today",
        "標題\n\n統計局今日公布10月份消費者物價指數,按年上升2.1%。",
        "2.1%",
        "消费者物价指数",
    ),
    # A clause that ends on a reporting verb has no object for a generic head to take.
    ("reporter-is-no-object", "统计处今日公布，平均每户开支30万元。", "30万元", "每户开支"),
    # 大|涨 is one change word cut in two; 月减 is a change (Taiwan's month on month).
    ("change-word-cut-in-two", "標題\n\n雖然蔬菜大漲一成四,但水果大跌二成三。", "一成四", "蔬菜"),
    ("month-on-month", "標題\n\n3月CPI月減0.98%。", "0.98%", "CPI"),
    # 早点 is breakfast in a price release (its 点 is no head); the list after the colon is
    # of prices, as the clause before it says.
    (
        "breakfast",
        "標題\n\n價格上漲包括:沙拉油漲15.80%、西式早點(如漢堡、三明治)漲 8.34%。",
        "8.34%",
        "西式早点价格",
    ),
    (
        "one-character-ending",
        "標題\n\n水果、食用油及外食費各漲 11.80%、9.56%及 4.08%。",
        "11.80%",
        "水果",
    ),
    # A generic head takes the topic the clause right before names, when it names only one.
    (
        "topic-of-the-clause-right-before",
        "標題\n\n蛋類受供給減少影響,漲 25.05%,肉類亦因飼養成本提高,價格上漲 5.75%。",
        "5.75%",
        "肉类价格",
    ),
    # A noun right before a count, after a content verb, is what the counted kinds belong to.
    (
        "object-before-a-count",
        "標題\n\n新技术已经覆盖国民经济40个大类。",
        "40个",
        "覆盖国民经济大类",
    ),
    # A span of time after 为期 is how long the sentence's topic lasts.
    (
        "how-long-it-lasts",
        "標題\n\n政府為每個用戶提供75%的電費補貼，每月上限為5000元，同樣為期4個月。",
        "4個月",
        "电费补贴为期",
    ),
    # Whom a figure is provided for tells it apart (the head, not who qualifies).
    (
        "beneficiary",
        "標題\n\n為每位合資格的非住宅用戶提供75%的電費補貼。",
        "75%",
        "非住宅用户电费补贴",
    ),
    # A share of a base is a measure a category after it takes.
    (
        "share-carried-to-a-category",
        "標題\n\n美國占台灣總出口比重上升到30.9%，中國與香港下降到26.6%。",
        "26.6%",
        "中国与香港占台湾总出口比重",
    ),
    # A clause that names a topic and how it moved, with no figure, is the topic of the next.
    (
        "topic-that-moved",
        "標題\n\n入境旅客為250萬人次。來自中國大陸旅客上升顯著,增幅達48.3%。",
        "48.3%",
        "来自中国大陆旅客",
    ),
    # 按可比口径 is a frame; a part of the day is part of a measure; a span after a time noun
    # is how long that is.
    ("comparable-basis", "標題\n\n国内出游7.65亿人次,按可比口径同比增长5.9%。", "5.9%", "国内出游"),
    (
        "part-of-the-day",
        "標題\n\n全市商圈夜间客流量达968万人次。",
        "968万人次",
        "商圈夜间客流量",
    ),
    ("length-of-a-holiday", "標題\n\n经测算,假期8天,国内旅游出游人数8.26亿人次。", "8天", "假期"),
    # A measure alone after a fuller item takes what the first item opens with.
    (
        "lead-of-the-first-item",
        "標題\n\n蔬菜播种面积和产量同比分别增长1.2%和2.2%。",
        "2.2%",
        "蔬菜产量",
    ),
    # 可支配收入 is one name, however the segmenter cuts it.
    (
        "disposable-income",
        "標題\n\n全体居民人均可支配收入同比增长5.5%。",
        "5.5%",
        "全体居民人均可支配收入",
    ),
    # A subsidy is a measure of its own; 增长幅 (the growth rate) names none.
    (
        "subsidy-is-a-measure",
        "標題\n\n公司淨利潤9916.7萬元,主要是由於報告期政府補貼減少2667萬元。",
        "2667萬元",
        "政府补贴",
    ),
    ("growth-rate-word", "標題\n\n當月消費品零售額42,036億元,增長幅為4%。", "4%", "消费品零售额"),
    # A clause "A是B" names B as what the figure after it is about; a frame that selects
    # (those that…者中) is no scope.
    ("copula-names-the-topic", "標題\n\n今年涨幅较大的类别是食物类,涨4.86%。", "4.86%", "食物类"),
    (
        "selection-is-no-scope",
        "標題\n\n在七大類中變動影響較大者中,食物類漲1.31%。",
        "1.31%",
        "食物类",
    ),
    # A piece the carried measure already names is not said twice.
    (
        "head-names-the-piece",
        "失業人數為十二萬人，其中因工廠關閉而失業減三千人。",
        "三千人",
        "失业人数",
    ),
    # An aspect particle inside the verb phrase that says which are counted.
    (
        "aspect-particle",
        "这一年里，有超过300万个集装箱进入到了海外港口。",
        "超过300万个",
        "集装箱进入到了海外港口",
    ),
    # 占|到 is one share verb, and a share of a measure's size is the topic's share.
    (
        "share-verb-cut-in-two",
        "全年访港旅客为3400万人次，其中内地旅客占到78%。",
        "78%",
        "内地旅客占到访港旅客",
    ),
    (
        "share-of-a-size",
        "标题\n\n今年以来，本市外贸进出口快速增长，增速高出全省4.8个百分点，规模占到18.4%。",
        "18.4%",
        "外贸进出口占到",
    ),
    # The actor of a relative clause whose verb links to a measure owns it, past a means.
    (
        "relative-clause-actor",
        "標題\n\n全省限额以上单位通过公共网络实现的商品零售额增长12.5%。",
        "12.5%",
        "限额以上单位商品零售额",
    ),
    (
        "relative-clause-actor-of-a-rule",
        "標題\n\n全市规模以上工业企业通过跨境电商实现的出口额为56亿元。",
        "56亿元",
        "规模以上工业企业出口额",
    ),
    # A verb jieba also calls a noun still says which places are counted.
    (
        "verb-before-counted-places",
        "標題\n\n该公司产品销往全球80多个国家和地区。",
        "80多个",
        "销往全球国家和地区",
    ),
    # A length or an area is followed by the sentence's predicate, not a description.
    (
        "no-predicate-after-a-length",
        "標題\n\n今年建成的2000多公里四通八达的高速公路网连接起全省各市。",
        "2000多公里",
        "四通八达的高速公路网",
    ),
    # Items that open on the same preposition share the measure after the last.
    (
        "framed-items-share-a-measure",
        "標題\n\n1-9月,对东盟、对欧盟出口分别增长8.1%和3.2%。",
        "8.1%",
        "对东盟出口",
    ),
    # A scheme a clause launches, named in quotes, scopes the figures after it; a quoted
    # slogan nobody launches does not.
    (
        "launched-scheme-scopes-its-sentence",
        "標題\n\n政府将延长『青年就业计划』,提高学员津贴从3000元增至4500元。",
        "4500元",
        "青年就业计划学员津贴",
    ),
    ("launched-scheme-rate", "標題\n\n该行推出「安心贷」,首年利率低至2.5%。", "2.5%", "安心贷利率"),
    (
        "slogan-is-no-scheme",
        "標題\n\n工信部将着力“攻技术”,首批15家领航工厂已建成。",
        "15家",
        "领航工厂",
    ),
    # Two verbs joined say what the money is for, and the coordination ends it.
    (
        "money-for-two-verbs",
        "標題\n\n市政府以50亿元入股及贷款支持本地航空公司。",
        "50亿元",
        "市政府入股及贷款",
    ),
    # Whose time a span is: the noun right before it, the work after 的.
    (
        "whose-time-it-took",
        "標題\n\n经过消防队员20多个小时的救援,被困群众全部获救。",
        "20多个小时",
        "消防队员救援",
    ),
    # Results and budget terms the segmenter cuts are read whole; 等 closing a list of
    # verbs opens no subject.
    (
        "attributable-profit",
        "標題\n\n该公司全年归母净利润为35.2亿元。",
        "35.2亿元",
        "公司归母净利润",
    ),
    ("funding-required", "標題\n\n其中防灾减灾等所需经费8亿元。", "8亿元", "所需经费"),
    (
        "budget-surplus",
        "標題\n\n中央政府总预算岁入岁出賸余为1,520亿元。",
        "1,520亿元",
        "中央政府总预算岁入岁出賸余",
    ),
    (
        "ratio-with-a-slash",
        "標題\n\n公司累计派现/归母净利润率为85.2%。",
        "85.2%",
        "派现/归母净利润率",
    ),
    # A verb opening a list's last item is no clause opening: the list stays whole.
    (
        "verb-opening-a-last-item",
        "標題\n\n衣着、生活用品及服务、居住价格分别上涨0.6%、1.5%和0.8%。",
        "1.5%",
        "生活用品及服务价格",
    ),
    # 且 joins clauses; Taiwan's 实质成长 is a change and 概估 an estimate, neither a subject.
    ("conjunction-qie", "標題\n\n对欧洲出口增12%,且占比达18.3%。", "18.3%", "欧洲出口占比"),
    ("real-growth", "標題\n\n第3季概估民间消费实质成长1.2%。", "1.2%", "民间消费"),
    # Macau's visitors by stay are names the segmenter cuts.
    (
        "visitors-by-stay",
        "標題\n\n10月入境旅客中,不过夜旅客( 1,451,703人次 )及留宿旅客( 1,305,605人次 )"
        "同比分别增加4.4倍及3.2倍。",
        "3.2倍",
        "入境旅客留宿旅客",
    ),
    # A 方面 frame that names a market scopes its sentence; one that names a topic does not.
    (
        "market-frame",
        "標題\n\n分市场看,对日本方面,前5月出口88.1亿美元、年增12%。",
        "88.1亿美元",
        "对日本出口",
    ),
    (
        "topic-frame",
        "標題\n\n在固定网络方面,已建成光纤宽带端口2800万个。",
        "2800万个",
        "光纤宽带端口",
    ),
    # A 分别 clause that names nothing takes the list the clause before opens on, with the
    # measure its predicate names.
    (
        "list-the-clause-before-opens-on",
        "標題\n\n沪市、深市和北交所上市公司营收增速较快,分别为9.1%、8.2%和12.5%。",
        "12.5%",
        "北交所上市公司营收",
    ),
    # A clause opening on 实现 with no actor of its own has the paragraph's last actor of 实现.
    (
        "actor-of-the-last-link",
        "標題\n\n锦航科技上半年实现营收34.55亿元,同比增长9.2%;实现归母净利润3亿元。",
        "3亿元",
        "锦航科技归母净利润",
    ),
    # A share after a clause that describes a place is that place's share.
    (
        "share-of-a-described-place",
        "標題\n\n我国对欧盟、美国进出口分别增长3%、2%,其中,欧盟为我国第二大贸易伙伴,占我国外贸总值的13.1%。",
        "13.1%",
        "欧盟占我国外贸总值",
    ),
    # A comparison base may be a long period written in Chinese numerals.
    (
        "long-period-base",
        "標題\n\n二零二三年三月至五月的失业率较二零二三年二月至四月下跌0.1个百分点至3.0%。",
        "0.1个百分点",
        "失业率",
    ),
    # 新 (newly) makes a flow of a stock: 新登记 is no 登记.
    ("newly-registered", "標題\n\n一季度新登记注册企业7.4万户。", "7.4万户", "新登记注册企业"),
    # A price is a measure of its own: no measure carried from the item before.
    (
        "price-is-a-measure",
        "標題\n\n(一)普通股,总认购金额为30亿元;(二)认股权证,总行使价为约5亿元。",
        "约5亿元",
        "总行使价",
    ),
    # A movement's turn (由…转为…) and where it started from (由上月) are no subject.
    (
        "movement-start",
        "1月份，一线城市新建商品住宅销售价格环比由上月下降0.1%转为上涨0.6%。",
        "0.1%",
        "一线城市新建商品住宅销售价格",
    ),
    # The last item's head noun is the others' when it is a measure or an activity, or when
    # the others are places; not after whole things.
    (
        "list-of-whole-things",
        "集成电路、笔记本电脑、太阳能电池分别出口1493.7亿元、1109.9亿元和395.6亿元。",
        "1109.9亿元",
        "笔记本电脑出口",
    ),
    (
        "list-shares-an-activity",
        "饮料类、烟酒类商品零售分别增长68.6%和46.3%。",
        "68.6%",
        "饮料类零售",
    ),
    # Ordinals written short, then one more item after a conjunction: all share its last word.
    (
        "ordinals-and-one-more",
        "第一、二、三产业和居民生活用电分别同比增长20.0%、17.9%、27.7%和6.3%。",
        "17.9%",
        "第二产业用电",
    ),
    (
        "ordinals-and-one-more-last",
        "第一、二、三产业和居民生活用电分别同比增长20.0%、17.9%、27.7%和6.3%。",
        "6.3%",
        "居民生活用电",
    ),
    # A period opened by 在 between the subject and its verb is no part of the subject.
    (
        "period-before-the-verb",
        "整体本地生产总值在二零一九年第三季较上年同期实质下跌2.9%。",
        "2.9%",
        "整体本地生产总值",
    ),
    ("period-before-the-verb-digits", "出口在2025年前三季度增长5%。", "5%", "出口"),
    # A linking or change word after the counted thing starts the predicate.
    (
        "forward-stops-at-a-linking-word",
        "公司进口1.2亿美元的先进生产设备预计可以节约成本。",
        "1.2亿美元",
        "先进生产设备",
    ),
    ("index-to-a-level", "带动10月工业生产指数至134.93,年增11.25%。", "11.25%", "工业生产指数"),
    # Names that hold 、 are set apart by commas, one clause each, before 分别.
    (
        "respectively-over-clauses",
        "其中,信息传输、软件和信息技术服务业,租赁和商务服务业,批发和零售业增加值分别增长6.2%、13.1%、6.4%。",
        "13.1%",
        "租赁和商务服务业增加值",
    ),
    (
        "respectively-own-list-first",
        "资产质量指标方面,工商银行2017年不良贷款率、拨备覆盖率分别为1.55%、154.07%。",
        "154.07%",
        "拨备覆盖率",
    ),
    ("visitors-to-hong-kong", "全年訪港旅客量錄得逾2,000萬人次。", "逾2,000萬人次", "访港旅客量"),
    # A year between a body and its light verb still leaves the body the owner.
    (
        "owner-year-verb",
        "农业银行2017年实现营业收入5428.98亿元。",
        "5428.98亿元",
        "农业银行营业收入",
    ),
    # A dateline's place is where the report was filed from: it scopes nothing.
    (
        "dateline-place",
        "本报北京2月9日电 2023年，城镇居民出游花费4.18万亿元。",
        "4.18万亿元",
        "城镇居民出游花费",
    ),
    # What a figure is compared with after 高出/多出 is no subject: the sentence's topic is.
    ("above-what", "江苏对欧盟进出口4905.2亿元，高出美国200亿元。", "200亿元", "江苏对欧盟进出口"),
    # 虽 (tagged as a morpheme by jieba) joins clauses: no part of a subject.
    (
        "although",
        "娱乐场中场收入逾350.1亿澳门元,虽较首季逾352亿澳门元,按季减少0.9%。",
        "0.9%",
        "娱乐场中场收入",
    ),
    # A bare 占 is the share of what the sentence is about (its base left unsaid).
    (
        "bare-share",
        "外商投资企业进出口17613.2亿元，增长10.7%，占53.5%。",
        "53.5%",
        "外商投资企业进出口占",
    ),
    # Hong Kong's industry sections are one name, 、 and 及 inside (hongkong pack).
    (
        "hong-kong-industry-section",
        "進出口貿易、批發及零售業的淨產值,繼第二季實質下跌3.7%後,在第三季下跌10.1%。",
        "10.1%",
        "进出口贸易、批发及零售业的净产值",
    ),
    # A light verb before a measure links its owner; it is no part of the measure's name.
    (
        "light-verb-before-a-measure",
        "精制食用植物油实现产量303136吨。",
        "303136吨",
        "精制食用植物油产量",
    ),
    # A number inside the name of a group of places is part of it.
    ("count-in-a-name", "南方五省区全社会用电量同比增长16.9%。", "16.9%", "南方五省区全社会用电量"),
    ("count-in-a-name-digits", "东部10省市投资增长5%。", "5%", "东部10省市投资"),
    # A place in a list takes what the place before it was measured by, without that place.
    (
        "place-for-place",
        "一线城市新建商品住宅销售价格环比上涨0.6%,其中北京、上海分别上涨1.0%和1.1%。",
        "1.1%",
        "上海新建商品住宅销售价格",
    ),
    (
        "place-for-place-no-head",
        "一线城市二手住宅环比上涨0.1%,其中北京、上海分别上涨0.5%和0.6%。",
        "0.5%",
        "北京二手住宅",
    ),
    ("place-for-a-whole", "全省固定资产投资增长5%。其中,南京增长7%。", "7%", "南京固定资产投资"),
    (
        "movement-turn",
        "1月份，一线城市新建商品住宅销售价格环比由上月下降0.1%转为上涨0.6%。",
        "0.6%",
        "一线城市新建商品住宅销售价格",
    ),
]


def test_whom_a_body_acts_for_is_no_scope() -> None:
    # 又为西九龙码头提供: the pier is the beneficiary, not who the later figures belong to.
    text = "政府今日公布措施，又为西九龙码头提供租金减免。措施涉及总金额20亿元。"
    got = subject_of(text, "20亿元")
    assert got is not None and "码头" not in got


@pytest.mark.parametrize(
    ("rule", "text", "claim_text", "subject"), CASES, ids=[c[0] for c in CASES]
)
def test_subject_rules(rule: str, text: str, claim_text: str, subject: str) -> None:
    assert subject_of(text, claim_text) == subject


def test_a_reporter_owns_no_figure() -> None:
    # 统计局 reports the figure; the figure is not the statistics bureau's.
    got = subject_of("市统计局发布数据显示，全市工业增加值增长5%。", "5%")
    assert got is not None and "统计局" not in got


def test_a_thing_that_acts_is_no_owner() -> None:
    # 5G-A is no body: the count is of the cities.
    assert subject_of("5G-A网络已覆盖超200个城市。", "超200个") == "城市"


def test_nine_kinds_of_firm_get_nine_subjects() -> None:
    text = (
        "前5个月，全国规模以上工业企业实现利润总额2.7万亿元。"
        "国有控股企业实现利润总额9400亿元；股份制企业实现利润总额2.0万亿元；"
        "私营企业实现利润总额7300亿元。"
    )
    subjects = [c.subject for c in extract(text) if c.unit == "元"]
    assert len(set(subjects)) == len(subjects) == 4, subjects


def test_an_age_band_is_a_group_and_scopes_its_figures() -> None:
    text = "分年龄看，二十至二十九岁失业率为8.1%，比上月下降0.3个百分点，三十至三十九岁为4.2%。"
    subjects = {c.text: c.subject for c in extract(text)}
    assert subjects == {
        "二十至二十九岁": "年龄组",
        "8.1%": "20至29岁失业率",
        "0.3个百分点": "20至29岁失业率",
        "三十至三十九岁": "年龄组",
        "4.2%": "30至39岁失业率",
    }


def test_a_group_subject_keeps_the_input_script_in_subject_original() -> None:
    c = next(c for c in extract("二十至二十九歲失業率為8.1%。") if c.unit == "%")
    assert (c.subject, c.subject_original) == ("20至29岁失业率", "二十至二十九歲失業率")


def test_a_clause_that_only_names_a_topic_is_the_next_figure_s_subject() -> None:
    text = "个人所得税增长3%；关税在进口回升带动下，增长6%。"
    assert subject_of(text, "6%") == "关税"


def test_a_numbered_item_s_topic_clause_scopes_its_figures() -> None:
    text = "（二）本年度非住宅用户的差饷宽免，会由1000元提升至3000元，涉及5亿元。"
    subjects = {c.text: c.subject for c in extract(text)}
    assert subjects == {
        "1000元": "非住宅用户的差饷宽免",
        "3000元": "非住宅用户的差饷宽免",
        "5亿元": "非住宅用户的差饷宽免涉及",
    }


def test_a_record_after_a_figure_is_no_subject() -> None:
    got = subject_of("港口吞吐量达到3.2亿吨的历史新高。", "3.2亿吨") or ""
    assert "港口吞吐量" in got and "新高" not in got


def test_what_comes_before_a_basis_word_is_the_predicate() -> None:
    # 实现 is no part of the noun (not 行业利润实现); the predicate it opens says which are
    # counted, whole (rule 5).
    assert subject_of("有12个行业利润实现同比增长。", "12个") == "行业利润实现同比增长"


def test_a_clause_that_names_its_head_last_gives_it_as_topic() -> None:
    assert subject_of("剔除食品和能源后的核心物价，年涨1.2%。", "1.2%") == "核心物价"


def test_a_phrase_that_repeats_the_last_subject_s_head_speaks_of_it() -> None:
    text = "“智慧港口”改造项目超过20个，项目总投资超过300亿元。"
    assert subject_of(text, "超过300亿元") == "“智慧港口”改造项目总投资"


def test_a_figure_inside_a_bracket_leaves_the_bracket_out() -> None:
    assert subject_of("其次为燃料(销货价值下跌6.5%)。", "6.5%") == "燃料销货价值"


def test_without_a_headline_the_place_that_opens_the_release_scopes_it() -> None:
    text = "澳门特区政府公布施政报告，明年预算开支。\n\n赤字预计为120亿元。"
    assert subject_of(text, "120亿元") == "澳门赤字"
    text = "广州日报讯 明年预算开支。\n\n赤字预计为120亿元。"
    assert subject_of(text, "120亿元") == "赤字"
    text = "上海商报讯(记者 王明)昨日,统计局发布数据。\n\n当月利润增长6.1%。"
    assert subject_of(text, "6.1%") == "利润"
    # past a dateline, a source and a time: the province the lead opens on
    text = (
        "本报济南12月11日讯 据海关最新统计,今年前11个月,山东省外贸进出口17483.7亿元。"
        "其中,出口9594.1亿元。"
    )
    assert subject_of(text, "9594.1亿元") == "山东省出口"
    text = "香港旅游发展局公布,在内地五一黄金周假期带动下,上月访港旅客数字为408万。"
    assert subject_of(text, "408万") == "访港旅客数字"  # a frame's place is no topic


def test_a_frame_clause_is_no_topic() -> None:
    assert "价格" not in (subject_of("按可比价格计算，同比增长5.4%。", "5.4%") or "")


def test_a_streak_written_before_its_span_is_of_that_verb() -> None:
    assert subject_of("零售额下跌4%，连跌5个月。", "5个月") == "零售额跌"


def test_a_record_or_a_streak_is_about_the_figure_before_it() -> None:
    text = "10月城镇调查失业率为4.9%，创6年同期最低，比上月下降0.1个百分点，连续3个月下降。"
    subjects = {c.text: c.subject for c in extract(text)}
    assert subjects["6年"] == "城镇调查失业率同期最低"
    assert subjects["连续3个月"] == "城镇调查失业率下降"


def test_a_span_followed_by_no_record_word_is_no_record() -> None:
    # 保持稳定 names no record: the span is not the rate's
    assert subject_of("失业率为4.9%，已有5年保持稳定。", "5年") != "失业率保持稳定"


def test_a_growth_rate_is_the_growth_of_the_measure_its_paragraph_reports() -> None:
    text = "五大行业完成增加值占全市工业增加值的55%。化工、钢铁累计增速分别为8.1%、6.2%。"
    subjects = {c.text: c.subject for c in extract(text)}
    assert (subjects["8.1%"], subjects["6.2%"]) == ("化工增加值", "钢铁增加值")


def test_a_sector_scopes_only_its_own_clause() -> None:
    # Sectors stand side by side: the next clause's measure is not the first sector's.
    text = "纺织业营业收入1.2万亿元；软件业务收入8000亿元。"
    assert subject_of(text, "8000亿元") == "软件业务收入"


def test_subject_original_gives_the_same_pieces_in_the_input_script() -> None:
    c = next(c for c in extract("國有控股企業實現利潤總額8200億元。") if c.unit == "元")
    assert (c.subject, c.subject_original) == ("国有控股企业利润总额", "國有控股企業利潤總額")
