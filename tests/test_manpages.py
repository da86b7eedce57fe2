"""Conventions of manual pages rendered as text: tagged lists of options, nested field lists."""

from __future__ import annotations

from reader.pipeline.build import build_document

OPTIONS = """\
NAME
       frob - adjust the knobs

DESCRIPTION
       Adjust the knobs of each FILE, or of the standard input when no FILE
       is given, and report what was changed on the standard output.

       -a, --all
              adjust every knob, the hidden ones too

       -C     list knobs by columns

       --color[=WHEN]
              colour the output WHEN; more info below

       -k, --keep
              keep the old settings in a backup file beside the original;
              used only with --all

       -q     say nothing

       The WHEN argument defaults to 'always' and can also be 'auto' or
       'never'.
"""

VERSE = """\
She began to repeat it, but the words did not come the same as they used to
do, and her voice sounded hoarse and strange as she went on with the lesson:

How doth the little crocodile
    Improve his shining tail,
And pour the waters of the Nile
    On every golden scale!

How cheerfully he seems to grin,
    How neatly spread his claws,
And welcome little fishes in
    With gently smiling jaws!

I'm sure those are not the right words, said poor Alice, and her eyes filled
with tears again as she went on.
"""


def _doc(text: str):
    return build_document(text.encode(), "frob.1.txt", dictionary=False)


def test_each_option_is_one_item_with_its_description():
    doc = _doc(OPTIONS)
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items == [
        "-a, --all adjust every knob, the hidden ones too",
        "-C     list knobs by columns",
        "--color[=WHEN] colour the output WHEN; more info below",
        "-k, --keep keep the old settings in a backup file beside the original; used only with --all",
        "-q     say nothing",
    ]
    assert not any(b.kind == "preformatted" for b in doc.blocks)
    assert [b.text for b in doc.blocks if b.heading is not None] == ["NAME", "DESCRIPTION"]
    assert any(b.kind == "paragraph" and b.text.startswith("The WHEN argument") for b in doc.blocks)


def test_verse_with_alternating_indents_is_no_list_of_terms():
    doc = _doc(VERSE)
    assert not any(b.kind == "item" for b in doc.blocks)


FIELDS = """\
OPTIONS
       -l --list
              For each compressed file, list the following fields:

                  compressed size: size of the compressed file
                  uncompressed size: size of the uncompressed file
                  ratio: compression ratio (0.0% if unknown)
                  uncompressed_name: name of the uncompressed file

              The uncompressed size is given as -1 for files not in gzip format,
              such as compressed .Z files.  To get the uncompressed size for such
              a file, you can use the command below.

       -n --no-name
              When compressing, do not save the original file name and time
              stamp by default.

       -q --quiet
              Suppress all warnings.
"""


def test_a_field_list_nested_in_a_description_keeps_its_lines():
    doc = _doc(FIELDS)
    fields = next(b for b in doc.blocks if "compressed size:" in b.text)
    assert fields.kind == "preformatted"
    assert fields.text.split("\n") == [
        "compressed size: size of the compressed file",
        "uncompressed size: size of the uncompressed file",
        "ratio: compression ratio (0.0% if unknown)",
        "uncompressed_name: name of the uncompressed file",
    ]
    assert any(b.kind == "paragraph" and b.text.startswith("The uncompressed size is given") for b in doc.blocks)


EXAMPLES = """\
EXAMPLES
       Convert seconds since the Epoch (1970-01-01 UTC) to a date

              $ date --date='@2147483647'

DATE STRING
       The  --date=STRING  is a mostly free format human readable date string
       such  as  "Sun, 29 Feb 2004 16:21:42 -0800" or "2004-02-29 16:21:42" or
       even "next Thursday".  A date string may contain items indicating  the
       date,  time of day, time zone, day of week, relative time, and numbers.
       An  empty  string  indicates the beginning of the day.  The date string
       format is more complex than is easily documented here.
"""


def test_a_command_after_its_prompt_keeps_its_line_and_a_section_title_leaves_its_paragraph_prose():
    doc = _doc(EXAMPLES)
    command = next(b for b in doc.blocks if "@2147483647" in b.text)
    assert command.kind == "preformatted"
    paragraph = next(b for b in doc.blocks if "mostly free format" in b.text)
    assert paragraph.kind == "paragraph" and paragraph.text.endswith("easily documented here.")
    assert [b.text for b in doc.blocks if b.heading is not None] == ["EXAMPLES", "DATE STRING"]


def test_a_word_broken_at_a_line_end_is_joined_as_the_document_prints_it_elsewhere():
    from reader.pipeline.joiner import Vocabulary, separator

    printed = Vocabulary(lambda: ["The default extension is z for MSDOS and OS/2.", "a well-known name", "FORMAT1 applies"])
    assert separator("For MS\u2010", "DOS, CR LF is converted", False, True, printed) == ("", True)
    assert separator("If FORMAT is FOR\u2010", "MAT1<newline>FORMAT2", False, True, printed) == ("", True)
    assert separator("a well-", "known name", False, True, printed) == ("", False)  # printed as a compound
    assert separator("Au\u2010", "thentication passphrases", False, True, printed) == ("", True)
    assert separator("Self-", "contained", False, True, printed) == ("", False)


SESSION_AND_REFERENCES = """\
SYNOPSIS
       find  [-H]  [-L] [-P] [-D debugopts] [-Olevel] [starting-point...] [ex\u2010
       pression]

NON-BUGS
   Operator precedence surprises
       The command find . -name afile -o -name bfile -print will never print
       afile, because the precedence of -a is higher than that of -o.

   \u201cpaths must precede expression\u201d error message
       $ find . -name *.c -print
       find: paths must precede expression
       find: possible unquoted pattern after predicate `-name'?

       This happens when the shell expands the pattern *.c to more than one
       file name existing in the current directory.

SEE ALSO
       chmod(1),  locate(1),  ls(1), updatedb(1), xargs(1), lstat(2), stat(2),
       ctime(3) fnmatch(3), printf(3), strftime(3), locatedb(5), regex(7)
"""


def test_a_shell_session_keeps_its_lines_and_hyphenated_or_referencing_text_is_prose():
    doc = _doc(SESSION_AND_REFERENCES)
    session = next(b for b in doc.blocks if b.text.startswith("$ find . -name *.c"))
    assert session.kind == "preformatted" and len(session.text.split("\n")) == 3
    synopsis = next(b for b in doc.blocks if b.text.startswith("find [-H]") or b.text.startswith("find  [-H]"))
    assert synopsis.kind == "paragraph" and synopsis.text.endswith("[expression]")
    see_also = next(b for b in doc.blocks if b.text.startswith("chmod(1)"))
    assert see_also.kind == "paragraph" and see_also.text.endswith("regex(7)")
    titles = [b.heading.title for b in doc.blocks if b.heading is not None]
    assert "Operator precedence surprises" in titles and "NON-BUGS" in titles


def test_a_term_after_an_unfinished_sentence_and_a_blank_line_opens_its_own_entry():
    """``Valid debug options include`` / (blank) / ``exec   Show…``: the sentence introduces a list;
    the term set apart by a wide gap opens an entry, it does not carry the sentence on."""
    text = (
        "OPTIONS\n"
        "       -D debugopts\n"
        "              Print diagnostic information; this can help to diagnose problems\n"
        "              with why the program is not doing what you want.  Valid debug\n"
        "              options include\n\n"
        "              exec   Show diagnostic information relating to -exec and\n"
        "                     -ok\n\n"
        "              opt    Prints diagnostic information relating to the tree.\n"
    )
    doc = _doc(text)
    texts = [b.text for b in doc.blocks]
    assert any(t.rstrip().endswith("options include") for t in texts)
    assert any(t.startswith("exec") and t.rstrip().endswith("-ok") for t in texts)
