"""Expected citations, written by hand from the standards' own examples, compared exactly.

Each row is a work described the way a user describes it (a sidecar ``FILE.meta.toml``); most
are the standards' own examples: GB/T 7714 (2015 and 2025) for 丁文祥 (newspaper), the U.S.
Department of Transportation guidelines (report), 李炳穆 and Caplan (journal articles), 萧钰 and
Bevington & Brown (web pages), 曹凌 and Boobier (books); Rosenthal (newspaper) is GB/T
7714-2025's. The expected strings apply each manual's rules to that data:

- GB/T 7714-2015: ``DUPONT J``-style upper-case family names, half-width ``, : ( )``, access
  dates on web pages.
- GB/T 7714-2025 (§7: ``.`` and ``[ ]`` half-width, every other mark full-width; family names
  no longer upper-case; access dates only for online-only works).
- APA 7 (§9-10): ``Family, I.`` ``(Year, Month Day)``, sentence-case titles, ``&``, en dash
  page ranges, no place of publication, a bare URL at the end, ``para.`` in text.
- Chicago 18 author-date: full names, year after the author, headline-style titles, month and
  day after a newspaper's or web page's container with the year not repeated (13.102; the 17th
  edition repeated it), no place of publication (dropped in the 18th edition), ``para.`` in text.
- MLA 9: full names, ``vol.``/``no.``/``pp.``, ``Day Mon. Year``, URLs without ``https://``
  (5.93), a web page with no website named stands alone (its title italic, not quoted),
  ``par.`` in text.

Chinese documents in the English-language styles keep their titles and names as written
(no translation, no romanisation) and get English terms: the style is English, so is its
apparatus (README, "Citations and metadata").
"""

from __future__ import annotations

import pytest

from reader.citation import Locator, format_citation, item_of
from reader.pipeline.build import build_document

WORKS: dict[tuple[str, str], dict[str, str]] = {
    ("newspaper", "zh"): {
        "type": "newspaper",
        "title": "数字革命与竞争国际化",
        "author": "丁文祥",
        "journal": "中国青年报",
        "date": "2000-11-20",
        "page": "15",
    },
    ("newspaper", "en"): {
        "type": "newspaper",
        "title": "White House tutors Kremlin in how a presidency works",
        "author": "Rosenthal, Andrew",
        "journal": "New York Times",
        "date": "1990-06-15",
        "page": "A1",
    },
    ("report", "zh"): {
        "type": "report",
        "title": "政府工作报告",
        "author": "国务院",
        "place": "北京",
        "publisher": "人民出版社",
        "date": "2024",
    },
    ("report", "en"): {
        "type": "report",
        "title": "Guidelines for handling excavated acid-producing materials",
        "author": "U.S. Department of Transportation Federal Highway Administration",
        "place": "Springfield",
        "publisher": "U.S. Department of Commerce National Information Service",
        "date": "1990",
    },
    ("journal", "zh"): {
        "title": "韩国图书馆法",
        "author": "李炳穆",
        "journal": "图书情报工作",
        "date": "2008",
        "volume": "52",
        "issue": "6",
        "pages": "6-12",
    },
    ("journal", "en"): {
        "title": "Cataloging internet resources",
        "author": "Caplan, Priscilla",
        "journal": "The Public-Access Computer Systems Review",
        "date": "1993",
        "volume": "4",
        "issue": "2",
        "pages": "61-66",
    },
    ("webpage", "zh"): {
        "title": "出版业信息化迈入快车道",
        "author": "萧钰",
        "date": "2001-12-19",
        "accessed": "2002-04-15",
        "url": "http://www.creader.com/news/200112190019.htm",
    },
    ("webpage", "en"): {
        "title": "William Shakespeare",
        "author": "Bevington, David; Brown, John Russell",
        "container": "Encyclopaedia Britannica",
        "date": "2025-01-01",
        "accessed": "2025-01-03",
        "url": "https://www.britannica.com/biography/William-Shakespeare",
    },
    ("book", "zh"): {
        "type": "book",
        "title": "中国佛教疑伪经综录",
        "author": "曹凌",
        "place": "上海",
        "publisher": "上海古籍出版社",
        "date": "2011",
    },
    ("book", "en"): {
        "type": "book",
        "title": "AI and the future of banking",
        "author": "Boobier, Tony",
        "edition": "2",
        "place": "Chichester",
        "publisher": "John Wiley & Sons",
        "date": "2020",
    },
}

REFERENCES: dict[tuple[str, str, str], str] = {
    # -- GB/T 7714-2015 -----------------------------------------------------------------------
    ("gbt7714-2015", "newspaper", "zh"): "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).",
    ("gbt7714-2015", "newspaper", "en"): (
        "ROSENTHAL A. White House tutors Kremlin in how a presidency works[N]. New York Times, 1990-06-15(A1)."
    ),
    ("gbt7714-2015", "report", "zh"): "国务院. 政府工作报告[R]. 北京: 人民出版社, 2024.",
    ("gbt7714-2015", "report", "en"): (
        "U.S. Department of Transportation Federal Highway Administration. Guidelines for handling excavated "
        "acid-producing materials[R]. Springfield: U.S. Department of Commerce National Information Service, 1990."
    ),
    ("gbt7714-2015", "journal", "zh"): "李炳穆. 韩国图书馆法[J]. 图书情报工作, 2008, 52(6): 6-12.",
    ("gbt7714-2015", "journal", "en"): (
        "CAPLAN P. Cataloging internet resources[J]. The Public-Access Computer Systems Review, 1993, 4(2): 61-66."
    ),
    ("gbt7714-2015", "webpage", "zh"): (
        "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/200112190019.htm."
    ),
    ("gbt7714-2015", "webpage", "en"): (
        "BEVINGTON D, BROWN J R. William Shakespeare[EB/OL]. (2025-01-01)[2025-01-03]. "
        "https://www.britannica.com/biography/William-Shakespeare."
    ),
    ("gbt7714-2015", "book", "zh"): "曹凌. 中国佛教疑伪经综录[M]. 上海: 上海古籍出版社, 2011.",
    (
        "gbt7714-2015",
        "book",
        "en",
    ): "BOOBIER T. AI and the future of banking[M]. 2nd ed. Chichester: John Wiley & Sons, 2020.",
    # -- GB/T 7714-2025 -----------------------------------------------------------------------
    ("gbt7714", "newspaper", "zh"): "丁文祥. 数字革命与竞争国际化[N]. 中国青年报，2000-11-20（15）.",
    ("gbt7714", "newspaper", "en"): (
        "Rosenthal A. White House tutors Kremlin in how a presidency works[N]. New York Times，1990-06-15（A1）."
    ),
    ("gbt7714", "report", "zh"): "国务院. 政府工作报告[R]. 北京：人民出版社，2024.",
    ("gbt7714", "report", "en"): (
        "U.S. Department of Transportation Federal Highway Administration. Guidelines for handling excavated "
        "acid-producing materials[R]. Springfield：U.S. Department of Commerce National Information Service，1990."
    ),
    ("gbt7714", "journal", "zh"): "李炳穆. 韩国图书馆法[J]. 图书情报工作，2008，52（6）：6-12.",
    ("gbt7714", "journal", "en"): (
        "Caplan P. Cataloging internet resources[J]. The Public-Access Computer Systems Review，1993，4（2）：61-66."
    ),
    ("gbt7714", "webpage", "zh"): (
        "萧钰. 出版业信息化迈入快车道[EB/OL]. （2001-12-19）[2002-04-15]. http://www.creader.com/news/200112190019.htm."
    ),
    ("gbt7714", "webpage", "en"): (
        "Bevington D，Brown J R. William Shakespeare[EB/OL]. （2025-01-01）[2025-01-03]. "
        "https://www.britannica.com/biography/William-Shakespeare."
    ),
    ("gbt7714", "book", "zh"): "曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011.",
    (
        "gbt7714",
        "book",
        "en",
    ): "Boobier T. AI and the future of banking[M]. 2nd ed. Chichester：John Wiley & Sons，2020.",
    # -- APA 7 --------------------------------------------------------------------------------
    ("apa", "newspaper", "zh"): "丁文祥. (2000, November 20). 数字革命与竞争国际化. 中国青年报, 15.",
    ("apa", "newspaper", "en"): (
        "Rosenthal, A. (1990, June 15). White House tutors Kremlin in how a presidency works. New York Times, A1."
    ),
    ("apa", "report", "zh"): "国务院. (2024). 政府工作报告. 人民出版社.",
    ("apa", "report", "en"): (
        "U.S. Department of Transportation Federal Highway Administration. (1990). Guidelines for handling "
        "excavated acid-producing materials. U.S. Department of Commerce National Information Service."
    ),
    ("apa", "journal", "zh"): "李炳穆. (2008). 韩国图书馆法. 图书情报工作, 52(6), 6–12.",
    ("apa", "journal", "en"): (
        "Caplan, P. (1993). Cataloging internet resources. The Public-Access Computer Systems Review, 4(2), 61–66."
    ),
    (
        "apa",
        "webpage",
        "zh",
    ): "萧钰. (2001, December 19). 出版业信息化迈入快车道. http://www.creader.com/news/200112190019.htm",
    ("apa", "webpage", "en"): (
        "Bevington, D., & Brown, J. R. (2025, January 1). William Shakespeare. Encyclopaedia Britannica. "
        "https://www.britannica.com/biography/William-Shakespeare"
    ),
    ("apa", "book", "zh"): "曹凌. (2011). 中国佛教疑伪经综录. 上海古籍出版社.",
    ("apa", "book", "en"): "Boobier, T. (2020). AI and the future of banking (2nd ed.). John Wiley & Sons.",
    # -- Chicago author-date (18th edition) ------------------------------------------------------
    ("chicago-author-date", "newspaper", "zh"): "丁文祥. 2000. “数字革命与竞争国际化.” 中国青年报, November 20.",
    ("chicago-author-date", "newspaper", "en"): (
        "Rosenthal, Andrew. 1990. “White House Tutors Kremlin in How a Presidency Works.” New York Times, June 15."
    ),
    ("chicago-author-date", "report", "zh"): "国务院. 2024. 政府工作报告. 人民出版社.",
    ("chicago-author-date", "report", "en"): (
        "U.S. Department of Transportation Federal Highway Administration. 1990. Guidelines for Handling "
        "Excavated Acid-Producing Materials. U.S. Department of Commerce National Information Service."
    ),
    ("chicago-author-date", "journal", "zh"): "李炳穆. 2008. “韩国图书馆法.” 图书情报工作 52 (6): 6–12.",
    ("chicago-author-date", "journal", "en"): (
        "Caplan, Priscilla. 1993. “Cataloging Internet Resources.” The Public-Access Computer Systems Review 4 (2): 61–66."
    ),
    ("chicago-author-date", "webpage", "zh"): (
        "萧钰. 2001. “出版业信息化迈入快车道.” December 19. http://www.creader.com/news/200112190019.htm."
    ),
    ("chicago-author-date", "webpage", "en"): (
        "Bevington, David, and John Russell Brown. 2025. “William Shakespeare.” Encyclopaedia Britannica, "
        "January 1. https://www.britannica.com/biography/William-Shakespeare."
    ),
    ("chicago-author-date", "book", "zh"): "曹凌. 2011. 中国佛教疑伪经综录. 上海古籍出版社.",
    (
        "chicago-author-date",
        "book",
        "en",
    ): "Boobier, Tony. 2020. AI and the Future of Banking. 2nd ed. John Wiley & Sons.",
    # -- MLA 9 --------------------------------------------------------------------------------
    (
        "modern-language-association",
        "newspaper",
        "zh",
    ): "丁文祥. “数字革命与竞争国际化.” 中国青年报, 20 Nov. 2000, p. 15.",
    ("modern-language-association", "newspaper", "en"): (
        "Rosenthal, Andrew. “White House Tutors Kremlin in How a Presidency Works.” New York Times, 15 June 1990, p. A1."
    ),
    ("modern-language-association", "report", "zh"): "国务院. 政府工作报告. 人民出版社, 2024.",
    ("modern-language-association", "report", "en"): (
        "U.S. Department of Transportation Federal Highway Administration. Guidelines for Handling Excavated "
        "Acid-Producing Materials. U.S. Department of Commerce National Information Service, 1990."
    ),
    (
        "modern-language-association",
        "journal",
        "zh",
    ): "李炳穆. “韩国图书馆法.” 图书情报工作, vol. 52, no. 6, 2008, pp. 6–12.",
    ("modern-language-association", "journal", "en"): (
        "Caplan, Priscilla. “Cataloging Internet Resources.” The Public-Access Computer Systems Review, vol. 4, "
        "no. 2, 1993, pp. 61–66."
    ),
    ("modern-language-association", "webpage", "zh"): (
        "萧钰. 出版业信息化迈入快车道. 19 Dec. 2001, www.creader.com/news/200112190019.htm."
    ),
    ("modern-language-association", "webpage", "en"): (
        "Bevington, David, and John Russell Brown. “William Shakespeare.” Encyclopaedia Britannica, 1 Jan. 2025, "
        "www.britannica.com/biography/William-Shakespeare."
    ),
    ("modern-language-association", "book", "zh"): "曹凌. 中国佛教疑伪经综录. 上海古籍出版社, 2011.",
    ("modern-language-association", "book", "en"): (
        "Boobier, Tony. AI and the Future of Banking. 2nd ed., John Wiley & Sons, 2020."
    ),
}

# In-text citations of the second paragraph (author-date and author styles).
_AUTHORS = {
    ("newspaper", "zh"): ("丁文祥", "2000"),
    ("newspaper", "en"): ("Rosenthal", "1990"),
    ("report", "zh"): ("国务院", "2024"),
    ("report", "en"): ("U.S. Department of Transportation Federal Highway Administration", "1990"),
    ("journal", "zh"): ("李炳穆", "2008"),
    ("journal", "en"): ("Caplan", "1993"),
    ("webpage", "zh"): ("萧钰", "2001"),
    ("webpage", "en"): ("Bevington & Brown", "2025"),
    ("book", "zh"): ("曹凌", "2011"),
    ("book", "en"): ("Boobier", "2020"),
}


def _in_text(style: str, work: tuple[str, str]) -> str:
    """APA ``(Author, Year, para. 2)``, Chicago ``(Author Year, para. 2)``, MLA ``(Author, par. 2)``."""
    author, year = _AUTHORS[work]
    if style == "apa":
        return f"({author}, {year}, para. 2)"
    author = author.replace(" & ", " and ")
    if style == "chicago-author-date":
        return f"({author} {year}, para. 2)"
    return f"({author}, par. 2)"


def _item(work: tuple[str, str]):
    kind, language = work
    sidecar = {**WORKS[work], "language": language}
    text = "正文第一段。\n\n正文第二段。\n" if language == "zh" else "The first paragraph.\n\nThe second one.\n"
    doc = build_document(text.encode(), f"{kind}.txt", sidecar)
    return item_of(doc, sidecar)


@pytest.mark.parametrize(("style", "kind", "language"), sorted(REFERENCES))
def test_reference_list_entry(style, kind, language):
    cited = format_citation(_item((kind, language)), Locator(2), style)
    assert cited.reference == REFERENCES[(style, kind, language)]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "modern-language-association"])
@pytest.mark.parametrize("work", sorted(WORKS))
def test_in_text_citation_with_a_paragraph_locator(style, work):
    assert format_citation(_item(work), Locator(2), style).in_text == _in_text(style, work)


@pytest.mark.parametrize("style", ["gbt7714", "gbt7714-2015"])
@pytest.mark.parametrize("work", sorted(WORKS))
def test_numeric_styles_name_the_place_in_the_documents_language(style, work):
    chinese = work[1] == "zh"
    cited = format_citation(_item(work), Locator(2, "2.3", "二、(三)"), style)
    assert cited.in_text == ("二、(三) 第2段" if chinese else "sec. 2.3, para. 2")
