"""The C++ API reference, read from the ``///`` comments of include/augury.

A small reader instead of Doxygen: it needs nothing beyond Sphinx, builds in well under a
second, and documents exactly what the headers document. It understands

* ``/// \\file`` blocks (the header's description),
* ``///`` blocks before a declaration (namespace-level or a public member),
* ``///<`` comments after an enumerator or a data member,
* ``\\throws``, ``\\param``, ``\\return`` (shown as labelled lines) and `backticks` (code).

Use it from MyST as::

    ```{augury-cpp-headers} model
    ```

which documents every header under include/augury/model/ (or all of them without an
argument), skipping ``detail/`` folders and the ``detail`` namespace, which are not API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from docutils import nodes
from docutils.parsers.rst import Directive

INCLUDE = Path(__file__).resolve().parents[2] / "include" / "augury"


@dataclass
class Entity:
    """One documented declaration."""

    scope: str  # enclosing namespaces and classes, e.g. "augury::io" or "augury::factor"
    signature: str
    doc: List[str]
    members: List[Tuple[str, str]] = field(default_factory=list)  # (enumerator/field, doc)


@dataclass
class Header:
    path: str  # e.g. "augury/model/cpt.hpp"
    doc: List[str]
    entities: List[Entity]


def _mask(line: str, state: Dict[str, bool], keep_strings: bool = False) -> str:
    """``line`` with comments (and, unless ``keep_strings``, the insides of string and
    character literals) replaced by spaces, so that positions still match the source and
    braces inside them do not count; ``state["block"]`` carries an open ``/* */``."""
    out = list(line)
    i, n = 0, len(line)
    while i < n:
        if state["block"]:
            end = line.find("*/", i)
            stop = n if end < 0 else end + 2
            out[i:stop] = " " * (stop - i)
            if end < 0:
                break
            state["block"] = False
            i = stop
            continue
        c = line[i]
        if line.startswith("//", i):
            out[i:] = " " * (n - i)
            break
        if line.startswith("/*", i):
            state["block"] = True
            continue
        if c in "\"'":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            if not keep_strings:
                out[i + 1 : min(j, n)] = " " * (min(j, n) - i - 1)
            i = j + 1
            continue
        i += 1
    return "".join(out)


def _strip_code(line: str, state: Dict[str, bool]) -> str:
    return _mask(line, state)


def _clean_signature(text: str, code: str) -> str:
    """The declaration without attributes, a constructor's member initialisers, and the
    opening brace or semicolon; ``code`` is ``text`` with literals masked."""
    # Cut a member-initialiser list: a single ':' after the parameter list closes.
    depth, closed_at = 0, -1
    for k, ch in enumerate(code):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and closed_at < 0:
                closed_at = k
    if closed_at >= 0:
        rest = code[closed_at + 1 :]
        m = re.match(r"((?:\s*(?:const|noexcept|override|final|&&|&))*)\s*:(?!:)", rest)
        if m:
            text = text[: closed_at + 1 + len(m.group(1))]
    text = re.sub(r"\[\[[a-z_]+\]\]\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" ;{").strip()


def parse_header(path: Path, root: Path) -> Header:
    """The documented declarations of one header, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    file_doc: List[str] = []
    entities: List[Entity] = []
    # Scope stack: (name, brace depth at which it opened, kind, public?)
    scopes: List[Tuple[str, int, str, bool]] = []
    depth = 0
    state = {"block": False}
    pending: List[str] = []
    in_file_doc = False
    i = 0
    last_enum: Optional[Entity] = None
    stmt = ""

    def public() -> bool:
        return all(pub for _, _, _, pub in scopes)

    def in_detail() -> bool:
        return any(name == "detail" for name, _, _, _ in scopes)

    def scope_name() -> str:
        return "::".join(name for name, _, _, _ in scopes)

    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        if stripped.startswith("///") and not stripped.startswith("///<"):
            text = stripped[3:]
            text = text[1:] if text.startswith(" ") else text
            if text.strip() == "\\file":
                in_file_doc = True
                i += 1
                continue
            if in_file_doc:
                file_doc.append(text)
            else:
                pending.append(text)
            i += 1
            continue
        in_file_doc = False
        trailing = re.search(r"///<\s?(.*)$", raw)
        if trailing and last_enum is not None and depth > 0 and not pending:
            name = _strip_code(raw[: trailing.start()], {"block": False}).strip().rstrip(",;")
            name = re.sub(r"\s*=.*$", "", name)
            last_enum.members.append((re.sub(r"\s+", " ", name), trailing.group(1)))
        code = _strip_code(raw, state)
        access = re.match(r"\s*(public|private|protected)\s*:", code)
        if access and scopes and scopes[-1][2] in ("class", "struct"):
            name, opened, kind, _ = scopes[-1]
            scopes[-1] = (name, opened, kind, access.group(1) == "public")
        if pending and code.strip():
            # The declaration runs until a body opens or a semicolon ends it (outside parens).
            decl: List[str] = []
            paren = 0
            j = i
            done = False
            masked: List[str] = []
            while j < len(lines) and not done:
                piece = _mask(lines[j], {"block": False})
                text_piece = _mask(lines[j], {"block": False}, keep_strings=True)
                cut = len(piece)
                for k, ch in enumerate(piece):
                    if ch == "(":
                        paren += 1
                    elif ch == ")":
                        paren -= 1
                    elif ch in "{;" and paren == 0:
                        cut = k + 1
                        done = True
                        break
                decl.append(text_piece[:cut])
                masked.append(piece[:cut])
                if not done:
                    j += 1
            signature = _clean_signature(" ".join(decl), " ".join(masked))
            if scopes and scopes[-1][2] == "enum" and last_enum is not None:
                # A documented enumerator: `name,` or `name = value,` or the last one.
                name = re.match(r"\s*(\w+)", " ".join(masked))
                if name:
                    last_enum.members.append((name.group(1), " ".join(pending)))
                pending = []
            elif public() and not in_detail() and signature:
                entity = Entity(scope_name(), signature, pending)
                entities.append(entity)
                last_enum = entity if re.match(r"(enum|struct|class)\b", signature) else last_enum
            pending = []
        elif not code.strip() and not trailing:
            pending = [] if stripped == "" else pending
        # Track scopes by the braces of this line; `stmt` is the text since the last
        # `;`, `{` or `}`, so a class head split over lines is still recognised.
        for ch in code:
            if ch == "{":
                head = re.sub(r"\s+", " ", stmt)
                ns = re.search(r"\bnamespace\s+([\w:]+)\s*$", head)
                cls = re.match(r"\s*(?:template\s*<.*>\s*)?(class|struct|enum(?:\s+class)?)\s+(\w+)", head)
                if ns:
                    scopes.append((ns.group(1), depth, "namespace", True))
                elif cls and "(" not in head and "=" not in head:
                    kind = "enum" if cls.group(1).startswith("enum") else cls.group(1)
                    scopes.append((cls.group(2), depth, kind, kind != "class"))
                else:
                    scopes.append(("{}", depth, "block", True))
                depth += 1
                stmt = ""
            elif ch == "}":
                depth -= 1
                while scopes and scopes[-1][1] >= depth:
                    closed = scopes.pop()
                    if closed[2] in ("enum", "struct"):
                        last_enum = None
                stmt = ""
            elif ch == ";":
                stmt = ""
            else:
                stmt += ch
        stmt += " "
        i += 1
    # Members of anonymous blocks (function bodies) are not API.
    entities = [e for e in entities if "{}" not in e.scope.split("::")]
    return Header(str(path.relative_to(root.parent)), file_doc, entities)


def headers(folder: Optional[str] = None) -> List[Header]:
    """Every public header (or those under ``folder``), sorted by path."""
    base = INCLUDE / folder if folder else INCLUDE
    paths = sorted(p for p in base.rglob("*.hpp") if "detail" not in p.relative_to(INCLUDE).parts)
    return [parse_header(p, INCLUDE) for p in paths]


# ---- rendering --------------------------------------------------------------------------

_LABELS = {"throws": "Throws", "param": "Parameter", "return": "Returns", "returns": "Returns",
           "tparam": "Template parameter", "note": "Note", "pre": "Requires"}


def _inline(text: str) -> List[nodes.Node]:
    """Text with `code` spans as literal nodes."""
    out: List[nodes.Node] = []
    for k, part in enumerate(re.split(r"`([^`]+)`", text)):
        if not part:
            continue
        out.append(nodes.literal(part, part) if k % 2 else nodes.Text(part))
    return out


def _doc_nodes(lines: List[str]) -> List[nodes.Node]:
    """Paragraphs (blank lines separate them), bullet lists, and \\throws-style fields."""
    blocks: List[List[str]] = [[]]
    for line in lines:
        stripped = line.strip()
        command = re.match(r"\\(\w+)\b\s*(.*)", stripped)
        if not stripped:
            blocks.append([])
        elif command or re.match(r"[-*] ", stripped):
            blocks.append([stripped])
        else:
            if blocks[-1] and re.match(r"[-*] ", blocks[-1][0]) is None and blocks[-1][0].startswith("\\"):
                blocks[-1].append(stripped)
            elif blocks[-1] and re.match(r"[-*] ", blocks[-1][0]):
                blocks[-1].append(stripped)
            else:
                blocks[-1].append(stripped)
    # A command in the middle of a paragraph starts a block of its own.
    split: List[List[str]] = []
    for block in blocks:
        text = " ".join(block)
        parts = re.split(r"\s(?=\\(?:param|throws|returns?|tparam|note|pre)\b)", text) if text else []
        split.extend([p] for p in parts if p)
        if not block:
            split.append([])
    blocks = split
    out: List[nodes.Node] = []
    bullets: Optional[nodes.bullet_list] = None
    for block in blocks:
        if not block:
            bullets = None
            continue
        text = " ".join(block)
        command = re.match(r"\\(\w+)\b\s*(.*)", text)
        if re.match(r"[-*] ", text):
            if bullets is None:
                bullets = nodes.bullet_list()
                out.append(bullets)
            item = nodes.list_item()
            item += nodes.paragraph("", "", *_inline(text[2:]))
            bullets += item
            continue
        bullets = None
        para = nodes.paragraph()
        if command:
            label = _LABELS.get(command.group(1), command.group(1))
            para += nodes.strong(label + ": ", label + ": ")
            para.extend(_inline(command.group(2)))
        else:
            para.extend(_inline(text))
        out.append(para)
    return out


def _entity_nodes(entity: Entity) -> List[nodes.Node]:
    out: List[nodes.Node] = []
    signature = entity.signature
    block = nodes.literal_block(signature, signature, language="cpp")
    out.append(block)
    body = nodes.block_quote()
    body.extend(_doc_nodes(entity.doc))
    if entity.members:
        table = nodes.definition_list()
        for name, doc in entity.members:
            item = nodes.definition_list_item()
            item += nodes.term("", "", nodes.literal(name, name))
            definition = nodes.definition()
            definition += nodes.paragraph("", "", *_inline(doc))
            item += definition
            table += item
        body += table
    out.append(body)
    return out


def _header_section(header: Header, env: Any) -> nodes.section:
    env.note_dependency(str(INCLUDE.parent / header.path))
    section = nodes.section(ids=[nodes.make_id("cpp-" + header.path)])
    section += nodes.title(header.path, "", nodes.literal(header.path, header.path))
    section.extend(_doc_nodes(header.doc))
    current_scope = None
    for entity in header.entities:
        if entity.scope != current_scope:
            current_scope = entity.scope
            scope = nodes.paragraph()
            scope += nodes.emphasis("in ", "in ")
            scope += nodes.literal(entity.scope or "::", entity.scope or "::")
            section += scope
        section.extend(_entity_nodes(entity))
    return section


class CppHeaders(Directive):
    """``augury-cpp-headers [folder]``: a section per header with its documented API.
    Without a folder: a section per folder of include/augury (the top-level headers
    first), each holding its headers' sections."""

    optional_arguments = 1
    has_content = False

    def run(self) -> List[nodes.Node]:
        env: Any = self.state.document.settings.env
        env.note_dependency(__file__)
        if self.arguments:
            return [_header_section(h, env) for h in headers(self.arguments[0])]
        groups: Dict[str, List[Header]] = {}
        for header in headers():
            parts = Path(header.path).parts  # ("augury", [folder,] name)
            groups.setdefault(parts[1] if len(parts) > 2 else "", []).append(header)
        out: List[nodes.Node] = []
        for folder in sorted(groups):
            title = f"augury/{folder}/" if folder else "augury/ (top level)"
            section = nodes.section(ids=[nodes.make_id("cpp-folder-" + (folder or "top"))])
            section += nodes.title(title, title)
            for header in groups[folder]:
                section += _header_section(header, env)
            out.append(section)
        return out


def setup(app: Any) -> Dict[str, Any]:
    app.add_directive("augury-cpp-headers", CppHeaders)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
