"""Chinese line-breaking punctuation classes (clreq, basic level), shared by reflow and wrapping."""

# never at the start of a line
CLOSING_PUNCT = frozenset("，。、；：！？）」』》〉】〕〗〙〛”’…‥·・,.;:!?)]}%‰℃-—～〜ー")
# never at the end of a line
OPENING_PUNCT = frozenset("（「『《〈【〔〖〘〚“‘([{")
# interpuncts: the middle dot of a transcribed name (阿卜杜·热依木) stays with both its neighbours,
# so a wrapped row neither starts nor ends with it; a block may still open with one (a list bullet)
MIDDLE_DOTS = frozenset("·・")
