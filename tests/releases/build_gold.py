#!/usr/bin/env python3
"""Build the hand-made gold for tests/releases/*.txt.

The claims below were annotated by hand from shared/design/CLAIMS.md.
Offsets are never typed: each claim's text is searched for in the document starting
from the end of the previous claim (or from an `after=` anchor), so the list must be
in document order. A match must not sit inside a longer number (e.g. "6.7%" inside
"16.7%"). Run from anywhere:

    python3 tests/releases/build_gold.py          # writes gold/*.jsonl, then checks them
"""

import json
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"


def C(text, value, unit, subject, q="exact", ch=None, period=None, after=None, vmax=None):
    return dict(
        text=text,
        value=value,
        unit=unit,
        subject=subject,
        qualifier=q,
        change=ch,
        period=period,
        after=after,
        value_max=vmax,
    )


INC, DEC = "increase", "decrease"

SPEC = {}

# ---------------------------------------------------------------- NBS 2016 H1
P = "上半年"
SPEC["nbs-2016-h1-economy-zh-hans"] = [
    C("340637亿元", "340637e8", "元", "国内生产总值", period=P),
    C("6.7%", "6.7", "%", "国内生产总值", ch=INC, period=P),
    C("6.7%", "6.7", "%", "国内生产总值", ch=INC, period="一季度"),
    C("6.7%", "6.7", "%", "国内生产总值", ch=INC, period="二季度"),
    C("22097亿元", "22097e8", "元", "第一产业增加值", period=P),
    C("3.1%", "3.1", "%", "第一产业增加值", ch=INC, period=P),
    C("134250亿元", "134250e8", "元", "第二产业增加值", period=P),
    C("6.1%", "6.1", "%", "第二产业增加值", ch=INC, period=P),
    C("184290亿元", "184290e8", "元", "第三产业增加值", period=P),
    C("7.5%", "7.5", "%", "第三产业增加值", ch=INC, period=P),
    C("1.8%", "1.8", "%", "国内生产总值", ch=INC, period="二季度"),
    C("13926万吨", "13926e4", "吨", "夏粮总产量"),
    C("162万吨", "162e4", "吨", "夏粮总产量", ch=DEC),
    C("1.2%", "1.2", "%", "夏粮总产量", ch=DEC),
    C("3853万吨", "3853e4", "吨", "猪牛羊禽肉产量", period=P),
    C("1.3%", "1.3", "%", "猪牛羊禽肉产量", ch=DEC, period=P),
    C("2473万吨", "2473e4", "吨", "猪肉产量", period=P),
    C("3.9%", "3.9", "%", "猪肉产量", ch=DEC, period=P),
    C("40203万头", "40203e4", "头", "生猪存栏", period=P),
    C("3.7%", "3.7", "%", "生猪存栏", ch=DEC, period=P),
    C("31959万头", "31959e4", "头", "生猪出栏", period=P),
    C("4.4%", "4.4", "%", "生猪出栏", ch=DEC, period=P),
    C("6.0%", "6.0", "%", "规模以上工业增加值", ch=INC, period=P),
    # 增速比一季度加快0.2个百分点: the growth rate sped up, read as an increase
    C("0.2个百分点", "0.2", "pp", "规模以上工业增加值", ch=INC, period=P),
    C("0.2%", "0.2", "%", "国有控股企业增加值", ch=DEC, period=P),
    C("2.6%", "2.6", "%", "集体企业增加值", ch=INC, period=P),
    C("7.2%", "7.2", "%", "股份制企业增加值", ch=INC, period=P),
    C("3.2%", "3.2", "%", "外商及港澳台商投资企业增加值", ch=INC, period=P),
    C("0.1%", "0.1", "%", "采矿业增加值", ch=INC, period=P),
    C("6.9%", "6.9", "%", "制造业增加值", ch=INC, period=P),
    C("2.6%", "2.6", "%", "电力、热力、燃气及水生产和供应业增加值", ch=INC, period=P),
    C("10.2%", "10.2", "%", "高技术产业增加值", ch=INC, period=P),
    C("8.1%", "8.1", "%", "装备制造业增加值", ch=INC, period=P),
    # 快4.2和2.1个百分点: a gap between two growth rates, not a change over time
    C("4.2", "4.2", "pp", "高技术产业增加值增速高于规模以上工业", period=P),
    C("2.1个百分点", "2.1", "pp", "装备制造业增加值增速高于规模以上工业", period=P),
    C("12.1%", "12.1", "%", "高技术产业增加值占规模以上工业增加值比重", period=P),
    C("32.6%", "32.6", "%", "装备制造业增加值占规模以上工业增加值比重", period=P),
    C("0.7", "0.7", "pp", "高技术产业增加值占规模以上工业增加值比重", ch=INC, period=P),
    C("1.2个百分点", "1.2", "pp", "装备制造业增加值占规模以上工业增加值比重", ch=INC, period=P),
]

# ---------------------------------------------------------------- Wuliangye 2023 results
Y, Q1 = "2023年", "2024年一季度"
SPEC["wuliangye-2023-results-zh-hans"] = [
    C("832.72 亿元", "832.72e8", "元", "营业总收入", period=Y),
    C("12.58%", "12.58", "%", "营业总收入", ch=INC, period=Y),
    C("302.11亿元", "302.11e8", "元", "归属于上市公司股东的净利润", period=Y),
    C("13.19%", "13.19", "%", "归属于上市公司股东的净利润", ch=INC, period=Y),
    C("46.70元", "46.70", "元", "每10股现金红利", period=Y),
    C("8年", "8", "年", "营收净利润保持双位数增长"),
    C("348.33亿元", "348.33e8", "元", "营业收入", period=Q1),
    C("11.86%", "11.86", "%", "营业收入", ch=INC, period=Q1),
    C("140.45亿元", "140.45e8", "元", "归属于上市公司股东的净利润", period=Q1),
    C("11.98%", "11.98", "%", "归属于上市公司股东的净利润", ch=INC, period=Q1),
    C("764.47亿元", "764.47e8", "元", "酒类产品营业收入", period=Y),
    C("91.80%", "91.80", "%", "酒类产品营业收入占营业收入比重", period=Y),
    C("13.15%", "13.15", "%", "酒类产品营业收入", ch=INC, period=Y),
    C("628.04亿元", "628.04e8", "元", "五粮液产品营业收入", period=Y),
    C("13.50%", "13.50", "%", "五粮液产品营业收入", ch=INC, period=Y),
    C("86.64%", "86.64", "%", "五粮液产品毛利率", period=Y),
    # written as % (not 个百分点), so the unit stays %
    C("0.08%", "0.08", "%", "五粮液产品毛利率", ch=INC, period=Y),
    C("136.43亿元", "136.43e8", "元", "其他酒产品营收", period=Y),
    C("11.58%", "11.58", "%", "其他酒产品营收", ch=INC, period=Y),
    C("3.22 亿元", "3.22e8", "元", "研发投入", period=Y),
    C("36.50%", "36.50", "%", "研发投入", ch=INC, period=Y),
    # a sub-heading glued to the next sentence on the page
    C("181.27亿元", "181.27e8", "元", "现金分红总额"),
    C("3,881,608,005股", "3881608005", "股", "总股本"),
    C("46.70元", "46.70", "元", "每10股现金红利", period=Y),
    C("181.27亿元", "181.27e8", "元", "分红金额", period=Y),
    C("60%", "60", "%", "分红比例", period=Y),
    C("941.4亿元", "941.4e8", "元", "累计派现", period="上市后"),
    C("445.4亿元", "445.4e8", "元", "累计派现", period="近三年"),
    C("267.6亿元", "267.6e8", "元", "年均归母净利润", period="近三年"),
    C("166.45%", "166.45", "%", "累计派现/归母净利润率", period="近三年"),
]

# ---------------------------------------------------------------- MCA 2011 Jan-Sep disasters
P = "前九月"
SPEC["mca-2011-jan-sep-disasters-zh-hans"] = [
    C("4.8亿人次", "4.8e8", "人次", "受灾", period=P),
    C("1074人", "1074", "人", "死亡", period=P),
    C("127人", "127", "人", "失踪", period=P),
    C("912.7万人次", "912.7e4", "人次", "紧急转移安置", period=P),
    C("3028.1亿元", "3028.1e8", "元", "直接经济损失", period=P),
    C("85.3万间", "85.3e4", "间", "倒塌房屋", period=P),
    C("308.2万间", "308.2e4", "间", "损坏房屋", period=P),
    C("3882.6万公顷", "3882.6e4", "公顷", "农作物受灾面积", period=P),
    C("380.4万公顷", "380.4e4", "公顷", "农作物绝收面积", period=P),
    C("29次", "29", "次", "国家四级救灾应急响应", period=P),
    C("2次", "2", "次", "国家三级救灾应急响应", period=P),
]

# ---------------------------------------------------------------- Customs 2016 Jan-Nov trade
P = "前11个月"
SPEC["customs-2016-jan-nov-trade-zh-hans"] = [
    C("超过18万人", "18e4", "人", "广交会采购商报到人数", q="over"),
    C("4.6%", "4.6", "%", "广交会采购商报到人数", ch=INC),
    # 增长明显,增幅接近8%: 增幅 is the size of an increase
    C("接近8%", "8", "%", "“一带一路”沿线国家采购商报到人数", q="approx", ch=INC),
    C("1873.01亿元", "1873.01e8", "元", "广交会累计出口成交"),
    C("3.2%", "3.2", "%", "广交会累计出口成交", ch=INC),
    C("21.83万亿元", "21.83e12", "元", "进出口总值", period=P),
    C("1.2%", "1.2", "%", "进出口总值", ch=DEC, period=P),
    C("12.47万亿元", "12.47e12", "元", "出口", period=P),
    C("1.8%", "1.8", "%", "出口", ch=DEC, period=P),
    C("9.36万亿元", "9.36e12", "元", "进口", period=P),
    C("0.3%", "0.3", "%", "进口", ch=DEC, period=P),
    C("3.11万亿元", "3.11e12", "元", "贸易顺差", period=P),
    # 缩小 (shrink) governs the number: a decrease
    C("5.8%", "5.8", "%", "贸易顺差", ch=DEC, period=P),
    C("3.26万亿元", "3.26e12", "元", "中欧贸易总值", period=P),
    C("3.1%", "3.1", "%", "中欧贸易总值", ch=INC, period=P),
    C("14.9%", "14.9", "%", "中欧贸易占外贸总值比重", period=P),
    C("3.08万亿元", "3.08e12", "元", "中美贸易总值", period=P),
    C("1.7%", "1.7", "%", "中美贸易总值", ch=DEC, period=P),
    C("14.1%", "14.1", "%", "中美贸易占外贸总值比重", period=P),
    C("2.66万亿元", "2.66e12", "元", "与东盟贸易总值", period=P),
    C("0.8%", "0.8", "%", "与东盟贸易总值", ch=INC, period=P),
    C("12.2%", "12.2", "%", "与东盟贸易占外贸总值比重", period=P),
    C("12.02万亿元", "12.02e12", "元", "一般贸易进出口", period=P),
    C("0.5%", "0.5", "%", "一般贸易进出口", ch=INC, period=P),
    C("55.1%", "55.1", "%", "一般贸易占外贸总值比重", period=P),
    C("0.9个百分点", "0.9", "pp", "一般贸易占外贸总值比重", ch=INC, period=P),
    C("6.57万亿元", "6.57e12", "元", "加工贸易进出口", period=P),
    C("5.7%", "5.7", "%", "加工贸易进出口", ch=DEC, period=P),
    C("30.1%", "30.1", "%", "加工贸易占外贸总值比重", period=P),
    C("1.4个百分点", "1.4", "pp", "加工贸易占外贸总值比重", ch=DEC, period=P),
]

# ---------------------------------------------------------------- NEA electricity Jan-Oct
P = "1-10月"
SPEC["nea-power-jan-oct-zh-hans"] = [
    C("43825亿千瓦时", "43825e8", "千瓦时", "全社会用电量", period=P),
    C("7.4%", "7.4", "%", "全社会用电量", ch=INC, period=P),
    C("4375亿千瓦时", "4375e8", "千瓦时", "全社会用电量", period="10月"),
    C("9.5%", "9.5", "%", "全社会用电量", ch=INC, period="10月"),
    C("855亿千瓦时", "855e8", "千瓦时", "第一产业用电量", period=P),
    C("0.5%", "0.5", "%", "第一产业用电量", ch=DEC, period=P),
    C("31947亿千瓦时", "31947e8", "千瓦时", "第二产业用电量", period=P),
    C("6.7%", "6.7", "%", "第二产业用电量", ch=INC, period=P),
    C("5246亿千瓦时", "5246e8", "千瓦时", "第三产业用电量", period=P),
    C("10.6%", "10.6", "%", "第三产业用电量", ch=INC, period=P),
    C("5777亿千瓦时", "5777e8", "千瓦时", "城乡居民生活用电量", period=P),
    C("9.8%", "9.8", "%", "城乡居民生活用电量", ch=INC, period=P),
    C("3752小时", "3752", "小时", "发电设备累计平均利用小时", period=P),
    C("51小时", "51", "小时", "发电设备累计平均利用小时", ch=DEC, period=P),
    C("2878小时", "2878", "小时", "水电设备平均利用小时", period=P),
    C("237小时", "237", "小时", "水电设备平均利用小时", ch=DEC, period=P),
    C("4111小时", "4111", "小时", "火电设备平均利用小时", period=P),
    C("23小时", "23", "小时", "火电设备平均利用小时", ch=INC, period=P),
    C("6295万千瓦", "6295e4", "千瓦", "电源新增生产能力", period=P),
    C("2228万千瓦", "2228e4", "千瓦", "水电新增生产能力", period=P),
    C("2700万千瓦", "2700e4", "千瓦", "火电新增生产能力", period=P),
]

# ---------------------------------------------------------------- MOHRSS 2022 H1 jobs (traditional)
P = "1至6月"
SPEC["mohrss-2022-h1-jobs-zh-hant"] = [
    C("654萬人", "654e4", "人", "城镇新增就业", period="上半年"),
    C("654萬人", "654e4", "人", "城镇新增就业", period=P),
    C("59%", "59", "%", "全年目标任务完成比例", period=P),
    C("28個", "28", "个", "省(自治区、直辖市)任务完成快于时序进度"),
    C("3個", "3", "个", "省份进度偏慢"),
    C("5.5%", "5.5", "%", "城镇调查失业率均值", period="一季度"),
    C("6.1%", "6.1", "%", "城镇调查失业率", period="4月"),
    C("5.9%", "5.9", "%", "城镇调查失业率", period="5月"),
    # age bands are thresholds on both sides: ranges
    C("25至59歲", "25", "岁", "人口年龄段", vmax="59"),
    C("16至24歲", "16", "岁", "人口年龄段", vmax="24"),
    C("3223萬人", "3223e4", "人", "脱贫人口务工规模", period="6月末"),
    C("160萬人", "160e4", "人", "脱贫人口务工规模", ch=INC, period="6月末"),
    C("25個", "25", "个", "中西部省份已完成目标任务"),
    C("85萬人", "85e4", "人", "就业困难人员实现就业", period=P),
    C("250萬人", "250e4", "人", "失业人员实现再就业", period=P),
    C("1以上", "1", "", "公共就业服务机构和市场机构求人倍率", q="at_least", period="上半年"),
    C("100個", "100", "个", "城市", period="二季度"),
    C("1.37", "1.37", "", "公共就业服务机构求人倍率", period="二季度"),
]

# ---------------------------------------------------------------- HK retail Feb 2020 (traditional)
P = "首两个月"
_cats = [
    "食品、酒类饮品及烟草",
    "珠宝首饰、钟表及名贵礼物",
    "其他未分类消费品",
    "电器及其他未分类耐用消费品",
    "药物及化妆品",
    "百货公司货品",
    "服装",
    "汽车及汽车零件",
    "鞋类、有关制品及其他衣物配件",
    "家具及固定装置",
    "中药",
    "书报、文具及礼品",
    "眼镜店",
]
_pcts = [
    "9.3",
    "58.6",
    "21.9",
    "25.1",
    "42.7",
    "41.4",
    "49.9",
    "24.2",
    "43.1",
    "19.6",
    "23.7",
    "35.0",
    "28.6",
]
SPEC["hk-retail-2020-02-zh-hant"] = (
    [
        C("227億元", "227e8", "元", "零售业总销货价值", period="2月"),
        C("44.0%", "44.0", "%", "零售业总销货价值", ch=DEC, period="2月"),
        C("13個月", "13", "个月", "零售业总销货价值连跌"),
        C("21.5%", "21.5", "%", "零售业总销货价值", ch=DEC, period="1月"),
        C("31.8%", "31.8", "%", "零售业总销货价值", ch=DEC, period=P),
        C("46.7%", "46.7", "%", "零售业总销货数量", ch=DEC, period="2月"),
        C("23.1%", "23.1", "%", "零售业总销货数量", ch=DEC, period="1月"),
        C("33.9%", "33.9", "%", "零售业总销货数量", ch=DEC, period=P),
    ]
    + [
        C(f"{p}%", p, "%", f"{c}销货价值", ch=DEC, period=P)
        for c, p in zip(_cats, _pcts, strict=True)
    ]
    + [
        C("11.1%", "11.1", "%", "超级市场货品销货价值", ch=INC, period=P),
        C("6.5%", "6.5", "%", "燃料销货价值", ch=INC, period=P),
        C(
            "11.0%",
            "11.0",
            "%",
            "经季节性调整的零售业总销货价值",
            ch=DEC,
            period="截至今年2月底的三个月",
        ),
        C(
            "11.7%",
            "11.7",
            "%",
            "经季节性调整的零售业总销货数量",
            ch=DEC,
            period="截至今年2月底的三个月",
        ),
    ]
)

# -------------------------------------------- Macau visitor arrivals Oct 2004 (traditional)
M, P = "十月", "首十个月"
SPEC["macau-visitors-2004-10-zh-hant"] = [
    C("35.4%", "35.4", "%", "入境旅客数目", ch=INC, period=M),
    C("1,509,403人次", "1509403", "人次", "入境旅客数目", period=M),
    C("48.3%", "48.3", "%", "中国大陆旅客", ch=INC, period=M),
    C("15.4%", "15.4", "%", "香港旅客", ch=INC, period=M),
    C("16.6%", "16.6", "%", "中国台湾旅客", ch=INC, period=M),
    C("58.1%", "58.1", "%", "中国大陆旅客占总数比重", period=M),
    C("28.0%", "28.0", "%", "香港旅客占总数比重", period=M),
    C("8.3%", "8.3", "%", "中国台湾旅客占总数比重", period=M),
    C("785,369人次", "785369", "人次", "不过夜旅客", period=M),
    C("52.0%", "52.0", "%", "不过夜旅客占入境旅客比重", period=M),
    C("13,699,516人次", "13699516", "人次", "入境旅客总数", period=P),
    C("44.1%", "44.1", "%", "入境旅客总数", ch=INC, period=P),
    C("78.1%", "78.1", "%", "中国大陆旅客", ch=INC, period=P),
    C("7,836,240人次", "7836240", "人次", "中国大陆旅客", period=P),
    C("57.2%", "57.2", "%", "中国大陆旅客占旅客总数比重", period=P),
    C("30.7%", "30.7", "%", "香港旅客占旅客总数比重", period=P),
    C("7.6%", "7.6", "%", "中国台湾旅客占旅客总数比重", period=P),
    C("6,854,887人次", "6854887", "人次", "不过夜旅客", period=P),
    C("50.0%", "50.0", "%", "不过夜旅客占入境旅客总数比重", period=P),
    C("5,195,997人次", "5195997", "人次", "经海路入境旅客", period=P),
    C("24.0%", "24.0", "%", "经海路入境旅客", ch=INC, period=P),
    C("23.5%", "23.5", "%", "经外港码头入境旅客", ch=INC, period=P),
    C("5,084,179人次", "5084179", "人次", "经外港码头入境旅客", period=P),
    C("60.7%", "60.7", "%", "经外港码头入境旅客中香港旅客占比", period=P),
    C("53.9%", "53.9", "%", "经内港码头入境旅客", ch=INC, period=P),
    C("111,818人次", "111818", "人次", "经内港码头入境旅客", period=P),
    C("74.3%", "74.3", "%", "经内港码头入境旅客中中国大陆旅客占比", period=P),
    C("7,808,627人次", "7808627", "人次", "经陆路入境旅客", period=P),
    C("63.2%", "63.2", "%", "经陆路入境旅客", ch=INC, period=P),
    C("7,250,954人次", "7250954", "人次", "从关闸入境旅客", period=P),
    C("79.6%", "79.6", "%", "关闸入境旅客中中国大陆旅客占比", period=P),
    C("14.2%", "14.2", "%", "关闸入境旅客中香港旅客占比", period=P),
    C("4.1%", "4.1", "%", "关闸入境旅客中中国台湾旅客占比", period=P),
    C("557,673人次", "557673", "人次", "经路城边检站入境旅客", period=P),
    C("694,892人次", "694892", "人次", "经空路入境旅客", period=P),
    C("31.1%", "31.1", "%", "经空路入境旅客", ch=INC, period=P),
    C("680,584人次", "680584", "人次", "从澳门国际机场入境旅客", period=P),
    C("31.2%", "31.2", "%", "从澳门国际机场入境旅客", ch=INC, period=P),
    C("73.6%", "73.6", "%", "澳门国际机场入境旅客中中国台湾旅客占比", period=P),
    C("18.0%", "18.0", "%", "澳门国际机场入境旅客中中国大陆旅客占比", period=P),
]

# -------------------------------------------- Taiwan DGBAS GDP forecast 2018 (traditional)
SPEC["tw-dgbas-gdp-2018-zh-hant"] = [
    C("2.42%", "2.42", "%", "经济成长率预测", period="107年"),
    C("2.42%", "2.42", "%", "经济成长率预测", period="107年"),
    C("3.28%", "3.28", "%", "经济成长率", period="106年第4季"),
    C("2.3%", "2.3", "%", "106年11月经济成长率预测数", period="106年第4季"),
    C("0.98個百分點", "0.98", "pp", "经济成长率", ch=INC, period="106年第4季"),
    C("2.42%", "2.42", "%", "经济成长率预测", period="107年"),
    C("2.29%", "2.29", "%", "106年11月经济成长率预测数", period="107年"),
    # 上修 (revised up) governs the number
    C("0.13個百分點", "0.13", "pp", "经济成长率预测", ch=INC, period="107年"),
    C("2萬4337美元", "24337", "美元", "每人GDP", period="107年"),
    C("0.62%", "0.62", "%", "消费者物价指数", ch=INC, period="107年"),
]

# -------------------------------------------- Taiwan MOF trade 2025 (ROC 114) (traditional)
P = "114年"
SPEC["tw-mof-trade-2025-zh-hant"] = [
    C("1982.7億美元", "1982.7e8", "美元", "对美出口", period=P),
    C("30.9%", "30.9", "%", "对美出口比重", period=P),
    C("26.6%", "26.6", "%", "对中国与香港出口比重", period=P),
    C("6407.5億美元", "6407.5e8", "美元", "出口", period=P),
    C("4836.1億美元", "4836.1e8", "美元", "进口", period=P),
    C("34.9%", "34.9", "%", "出口", ch=INC, period=P),
    C("22.6%", "22.6", "%", "进口", ch=INC, period=P),
    C("1571.4億美元", "1571.4e8", "美元", "出超", period=P),
    C("1982.7億美元", "1982.7e8", "美元", "对美国出口", period=P),
    C("78.0%", "78.0", "%", "对美国出口", ch=INC, period=P),
    C("1704.8億美元", "1704.8e8", "美元", "对中国与香港出口", period=P),
    C("13.2%", "13.2", "%", "对中国与香港出口", ch=INC, period=P),
    C("3年", "3", "年", "对中国与香港出口连续跌势"),
    C("1189.8億美元", "1189.8e8", "美元", "对东协出口", period=P),
    C("35.6%", "35.6", "%", "对东协出口", ch=INC, period=P),
    C("412.9億美元", "412.9e8", "美元", "对欧洲出口", period=P),
    C("6.9%", "6.9", "%", "对欧洲出口", ch=INC, period=P),
    C("300.1億美元", "300.1e8", "美元", "对日本出口", period=P),
    C("16.2%", "16.2", "%", "对日本出口", ch=INC, period=P),
    C("89.5%", "89.5", "%", "资通与视听产品出口", ch=INC, period=P),
    C("78%", "78", "%", "对美出口", ch=INC, period=P),
    C("30.9%", "30.9", "%", "美国占台湾总出口比重", period=P),
    C("26.6%", "26.6", "%", "中国与香港占台湾总出口比重", period=P),
    C("18.6%", "18.6", "%", "东协占台湾总出口比重", period=P),
]


def num(s):
    d = Decimal(s)
    return int(d) if d == d.to_integral_value() and "." not in s else float(d)


DIGITS = set("0123456789.０１２３４５６７８９．")


def locate(doc, text, pos):
    """First occurrence of text at or after pos that is not part of a longer number."""
    while True:
        i = doc.find(text, pos)
        if i < 0:
            return -1
        b1 = doc[max(i - 2, 0) : i].rjust(2)
        b2 = doc[i + len(text) : i + len(text) + 2].ljust(2)
        # glued to a longer number: a digit or decimal point right before/after,
        # or a thousands comma between digits
        bad_before = text[0].isdigit() and (b1[1] in DIGITS or (b1[1] in ",，" and b1[0] in DIGITS))
        bad_after = text[-1].isdigit() and (
            b2[0] in DIGITS or b2[0] == "%" or (b2[0] in ",，" and b2[1] in DIGITS)
        )
        if not (bad_before or bad_after):
            return i
        pos = i + 1


def build():
    GOLD.mkdir(exist_ok=True)
    for name, claims in SPEC.items():
        doc = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        pos, out = 0, []
        for c in claims:
            if c["after"]:
                a = doc.find(c["after"], pos)
                if a < 0:
                    sys.exit(f"{name}: anchor {c['after']!r} not found after {pos}")
                pos = a
            i = locate(doc, c["text"], pos)
            if i < 0:
                sys.exit(f"{name}: {c['text']!r} not found after {pos}")
            j = i + len(c["text"])
            rec = {
                "start": i,
                "end": j,
                "text": c["text"],
                "value": num(c["value"]),
                "unit": c["unit"],
                "subject": c["subject"],
                "qualifier": c["qualifier"],
                "change": c["change"],
                "period": c["period"],
            }
            if c["value_max"] is not None:
                rec["value_max"] = num(c["value_max"])
            out.append(rec)
            pos = j
        with open(GOLD / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as f:
            for r in out:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {len(out)} claims")


# ---------------------------------------------------------------- checks
UNITS = {
    "",
    "%",
    "pp",
    "元",
    "美元",
    "港元",
    "吨",
    "头",
    "人",
    "人次",
    "间",
    "公顷",
    "次",
    "千瓦时",
    "千瓦",
    "小时",
    "个",
    "个月",
    "岁",
    "年",
    "股",
    "家",
    "座",
    "项",
    "款",
}
QUALS = {"exact", "over", "approx", "under", "at_least", "at_most"}
MULT = {
    "万亿": 10**12,
    "萬億": 10**12,
    "百万": 10**6,
    "亿": 10**8,
    "億": 10**8,
    "万": 10**4,
    "萬": 10**4,
}


def parsed_value(text):
    """Independent re-reading of the number in a claim's text (Arabic digits only)."""
    import re

    m = re.search(r"(\d+)[万萬](\d{1,4})(?!\d)", text)
    if m:
        return int(m.group(1)) * 10**4 + int(m.group(2))
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(万亿|萬億|百万|亿|億|万|萬)?", text)
    v = Decimal(m.group(1).replace(",", ""))
    return float(v * MULT.get(m.group(2) or "", 1))


def check():
    import re

    try:
        from opencc import OpenCC

        t2s = OpenCC("t2s").convert
    except ImportError:  # pragma: no cover
        t2s = None
        print("opencc not importable: simplified-script checks skipped")
    problems = 0
    for name in SPEC:
        doc = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        assert "\r" not in doc and not doc.startswith("\ufeff"), name
        with open(GOLD / f"{name}.jsonl", encoding="utf-8") as f:
            claims = [json.loads(x) for x in f]
        covered = set()
        last_end = 0
        for c in claims:

            def bad(msg, name=name, c=c):
                nonlocal problems
                problems += 1
                print(f"  {name} {c['text']!r}: {msg}")

            if doc[c["start"] : c["end"]] != c["text"]:
                bad("offsets do not match text")
            if c["start"] < last_end:
                bad("overlaps the previous claim")
            last_end = c["end"]
            covered.update(range(c["start"], c["end"]))
            for k in ("value", "value_max"):
                if k in c and (isinstance(c[k], bool) or not isinstance(c[k], (int, float))):
                    bad(f"{k} is not a number")
            if "value_max" in c and c["value_max"] <= c["value"]:
                bad("value_max not above value")
            if c["unit"] not in UNITS:
                bad(f"unit {c['unit']!r} not in the simplified unit list")
            if c["qualifier"] not in QUALS:
                bad("qualifier")
            if c["change"] not in (None, "increase", "decrease"):
                bad("change")
            for k in ("subject", "period", "unit"):
                if t2s and c[k] and t2s(c[k]) != c[k]:
                    bad(f"{k} {c[k]!r} is not simplified")
            pv = parsed_value(c["text"])
            if abs(pv - c["value"]) > 1e-6 * max(1, abs(pv)):
                bad(f"value {c['value']} but the text reads {pv}")
            if ("百分点" in t2s(c["text"]) if t2s else "百分" in c["text"]) != (
                c["unit"] == "pp"
            ) and not re.fullmatch(r"[\d.]+", c["text"]):
                bad("pp/百分点 mismatch")
        # numbers nowhere in a claim: listed for a human to confirm they are not claims
        loose = []
        for m in re.finditer(r"[0-9０-９][0-9０-９.,，]*|[一二三四五六七八九十百千两兩零〇]+", doc):
            if not covered.intersection(range(m.start(), m.end())):
                loose.append(doc[max(0, m.start() - 4) : m.end() + 4].replace("\n", " "))
        print(f"{name}: {len(claims)} claims; not claims: " + " | ".join(loose))
    print("problems:", problems)
    return problems


if __name__ == "__main__":
    build()
    sys.exit(1 if check() else 0)
