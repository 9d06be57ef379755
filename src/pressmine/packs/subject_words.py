"""The words the subject finder reads (claims/subject/): the packs' [subject] table, and the
words PackSet.subject_vocabulary derives from their other tables."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubjectWords:
    """The words the subject finder reads: the packs' [subject] table (see patterns/core.toml),
    and the words derived from their other tables."""

    skip_before: frozenset[str]  # between a subject and its number: 预计, 突破, 分别
    time_units: tuple[str, ...]  # [spaces] time_units: 年, 月 (十年 is a span, no topic)
    strip_prefix: frozenset[str]  # scope words that tell no subjects apart: 全国, 我国
    noun_suffixes: frozenset[str]  # make a measured noun of a verb: 率, 量, 额
    adverbials: frozenset[str]  # between a count and what it counts: 不同程度, 首次
    meta_heads: frozenset[str]  # name the measure, not what is measured: 增幅, 比重
    share_words: frozenset[str]  # a share verb that stays with its noun: 占
    frame_starts: frozenset[str]  # open an adverbial frame: 按, 与
    frame_ends: frozenset[str]  # close one: 计算, 相比
    number_links: frozenset[str]  # link a number to the noun after it: 的
    measure_heads: frozenset[str]  # end a measure's name, shared by a list: 增加值, 利润
    regions: frozenset[str]  # places named without a suffix: 广东, 我国, 东盟
    name_suffixes: frozenset[str]  # end the name of a place or a body: 县, 银行, 中心
    sector_endings: tuple[str, ...]  # end a sector's name, an owner in its clause only: 业
    groups: dict[str, str]  # a range in this unit defines a group: 岁 -> 年龄组
    records: frozenset[str]  # after a span of time, make it a record: 新低, 首见
    formers: frozenset[str]  # the first of the things coordinated before: 前者
    latters: frozenset[str]  # the last of them: 后者
    rate_names: frozenset[str]  # a growth rate's name, kept in its subject: 年增率
    growth_words: frozenset[str]  # name a growth rate, not what grew: 增速, 涨幅
    causal_verbs: frozenset[str]  # their actor owns what they caused: 造成, 导致
    impact_verbs: frozenset[str]  # open a clause on how far the figure before moved another
    name_infixes: frozenset[str]  # with a number, inside a body's name: 第 (第76集团军), 某
    determiners: frozenset[str]  # open a noun phrase and tell it apart: 其他 (其他股东)
    per_prefixes: tuple[str, ...]  # open a word that says per what: 每 (每月平均开支)
    averages: frozenset[str]  # alone before a figure, the one before per day…: 日均
    governments: tuple[str, ...]  # end a body named after the place it governs: 政府
    press_endings: tuple[str, ...]  # end a paper's name: 报, 讯 (北京商报讯)
    record_leads: frozenset[str]  # between a span of time and its record: 来 (5年来新低)
    streaks: tuple[str, ...]  # [change] streak: 连续 opens a streak (连续4个月)
    light_verbs: frozenset[str]  # link an owner to its figure: 实现, 涉及
    reporting_verbs: frozenset[str]  # their actor reports and owns nothing: 表示, 显示
    comparators: frozenset[str]  # open a comparison base: 比, 较
    base_openers: frozenset[str]  # with a period, before a base's figure: 与 (与上年20.6%)
    time_words: frozenset[str]  # place a figure, no part of a subject: 同期, 以来
    inner_prepositions: frozenset[str]  # may stand inside a noun phrase: 对 (我国对东盟出口)
    predicate_endings: frozenset[str]  # make a verb a predicate (拟向): 向, 给
    beneficiary_prepositions: frozenset[str]  # whom an actor acts for (为租户提供): 为, 向
    measure_links: frozenset[str]  # owner + verb + measure (实现, 完成): no part of a noun
    day_parts: frozenset[str]  # times of day inside a noun phrase (夜间客流量): 夜间, 日间
    duration_links: frozenset[str]  # say how long a topic lasts (同样为期4个月): 为期, 历时
    scheme_verbs: frozenset[str]  # launch a named scheme that scopes its sentence: 推行, 延长
    source_suffixes: frozenset[str]  # an agency speaking before a headline's colon: 局, 部
    base_frame_ends: frozenset[str]  # close a frame that sets a base (在…的基础上): 基础上
    predicate_verbs: frozenset[str]  # say which are counted (34个行业[实现]同比增长): 实现, 保持
    cause_openers: frozenset[str]  # a topic, then why (汽机车零售业则[因]…): 因, 由于
    generic_heads: frozenset[str]  # name no measure alone: 上限, 金额
    scope_frame_ends: frozenset[str]  # close a scope frame (规模以上工业中,): 中
    subset_words: frozenset[str]  # open a clause about part of a whole: 其中
    from_words: frozenset[str]  # open the first figure of a movement: 从, 由
    time_openers: frozenset[str]  # open a clause's period before its verb: 在, 于
    compound_names: frozenset[str]  # names the segmenter cuts: 有色金属冶炼和压延加工业
    results_reports: frozenset[str]  # a body publishes its own figures in one: 财报, 年报
    glued_links: tuple[str, ...]  # linking words glued to a noun: 达 (占比达)
    list_separators: frozenset[str]  # [lists] marks and conjunctions: 、 和 及
    list_marks: frozenset[str]  # [lists] marks: 、
    list_closers: frozenset[str]  # [lists] closers: 等 (食品饮料、家用电器等行业)
    name_conjunctions: frozenset[str]  # [lists] conjunctions inside a name too: 及 (康乐及文化)
    conjunctions: frozenset[str]  # those that join two nouns into one: 和 与
    respectively: tuple[str, ...]  # 分别
    stop_words: frozenset[str]  # PackSet.stop_words
    glued: frozenset[str]  # PackSet.glued_words
    glued_suffix: re.Pattern[str]  # PackSet.glued_suffix
    cut: frozenset[str]  # glued, and skip_before's one-character words: 共 (共出动 = 共 + 出动)
    currencies: frozenset[str]  # currency units as written before a number: 港币, 人民币
    # The same lists for the hot path: endings as tuples for str.endswith, and a pattern that
    # finds a text that may hold a name (a region or a name's ending) before it is cut in words.
    name_endings: tuple[str, ...]
    measure_endings: tuple[str, ...]
    name_hint: re.Pattern[str]
    compound_prefixes: frozenset[str]  # every beginning of a compound name, to stop early
    compound_hint: re.Pattern[str] | None  # finds a compound name in a text before it is cut
    report_endings: tuple[str, ...]  # results_reports, longest first, for str.endswith
    results_hint: re.Pattern[str] | None  # finds a results report in a text before it is cut
    actor_hint: re.Pattern[str]  # finds what an owner needs (a name, 业, 造成) before a cut
