"""Chinese line-breaking punctuation classes (clreq, basic level), shared by reflow and wrapping."""

# never at the start of a line
CLOSING_PUNCT = frozenset("，。、；：！？）」』》〉】〕〗〙〛”’…‥·・,.;:!?)]}%‰℃-—～〜ー")
# never at the end of a line
OPENING_PUNCT = frozenset("（「『《〈【〔〖〘〚“‘([{")
