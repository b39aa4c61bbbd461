"""Files -> parsed documents, using a ``manifest.json`` beside the files when there is one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.errors import InputError
from assistant.parse.clauses import PARSER_VERSION, ParsedDocument
from assistant.parse.loaders import MAX_CLAUSES, SUPPORTED, SourceText, read_bytes, read_file
from assistant.parse.parser import parse_text

SKIP_NAMES = {"manifest.json"}


@dataclass
class ParsedFile:
    source: SourceText
    documents: list[ParsedDocument]
    fingerprint: str = ""  # file bytes + manifest entries + parser version: what decides "unchanged"
    origin: str | None = None  # the file's absolute path when read from disk (an upload has none)

    @property
    def clause_count(self) -> int:
        return sum(len(d.clauses) for d in self.documents)


@lru_cache(maxsize=32)
def _manifest(folder: str, mtime: float) -> dict[str, dict[int, dict]]:
    data = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    out: dict[str, dict[int, dict]] = {}
    for entry in data.get("documents", []):
        out.setdefault(entry["file"], {})[int(entry.get("index", 1))] = entry
    return out


def manifest_for(path: Path) -> dict[int, dict]:
    mf = path.parent / "manifest.json"
    if not mf.is_file():
        return {}
    try:
        return _manifest(str(path.parent), mf.stat().st_mtime).get(path.name, {})
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{mf}: invalid manifest ({exc})") from exc


def _wanted(f: Path) -> bool:
    return (f.is_file() and f.suffix.lower() in SUPPORTED and f.name not in SKIP_NAMES
            and not f.name.upper().startswith("README"))


def left_out(paths: list[Path]) -> list[dict[str, str]]:
    """The files inside the given folders that an import does not take, each with the reason ({"file",
    "reason"}): nothing in a folder is dropped without a word. Hidden files and folders (.DS_Store, .git) and
    the manifest an import reads are not listed."""
    out = []
    for p in map(Path, paths):
        if not p.is_dir():
            continue
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p)
            if any(part.startswith(".") for part in rel.parts) or not f.is_file() or f.name in SKIP_NAMES or _wanted(f):
                continue
            if f.suffix.lower() not in SUPPORTED:
                reason = f"unsupported file type {f.suffix or '(none)'}; supported: {', '.join(SUPPORTED)} (convert it and import it again)"
            else:
                reason = "a folder's README is taken as notes about the folder, not as a document (import it by name to add it)"
            out.append({"file": str(f), "reason": f"{f.name}: {reason}"})
    return out


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to ingest: folders expand, recursively, to their supported files (README, manifest and
    hidden files or folders skipped)."""
    return [f for f, _rel in expand_with_roots(paths)]


def expand_with_roots(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, its path relative to the folder it was found under: the import root) for every file."""
    files: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts) or not _wanted(f):
                    continue
                files.append((f, rel.as_posix()))
        elif p.exists():
            files.append((p, p.name))
        else:
            raise InputError(f"{p}: file not found")
    return files


def _parse(src: SourceText, manifest: dict[int, dict], max_tokens: int, encoding: str) -> ParsedFile:
    from assistant.text.tokens import count_tokens

    docs = parse_text(src.text, src.name, manifest=manifest, max_tokens=max_tokens,
                      count_tokens=lambda text: count_tokens(text, encoding))
    if not docs:
        raise InputError(f"{src.name}: no clauses could be extracted (no text paragraphs found)")
    clauses = sum(len(d.clauses) for d in docs)
    if clauses > MAX_CLAUSES:
        raise InputError(f"{src.name}: parses into {clauses:,} clauses; the limit for one file is {MAX_CLAUSES:,} (split it)")
    return ParsedFile(src, docs, fingerprint(src.sha256, manifest))


def fingerprint(file_sha256: str, manifest: dict[int, dict]) -> str:
    payload = json.dumps([file_sha256, PARSER_VERSION, sorted(manifest.items())], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def path_fingerprint(path: Path) -> str:
    """The fingerprint of a file on disk without parsing it (for staleness checks)."""
    path = Path(path)
    return fingerprint(hashlib.sha256(path.read_bytes()).hexdigest(), manifest_for(path))


def parse_path(path: Path, max_tokens: int = 400, encoding: str = "o200k_base", name: str | None = None) -> ParsedFile:
    """Parse one file; ``name`` (default: the file name) is the ``source`` its clauses record."""
    src = read_file(path)
    if name and name != src.name:
        src = SourceText(name=name, text=src.text, encoding=src.encoding, sha256=src.sha256)
    pf = _parse(src, manifest_for(Path(path)), max_tokens, encoding)
    pf.origin = str(Path(path).resolve())
    return pf


def rename_document(doc: ParsedDocument, new_id: str) -> None:
    """Give a parsed document another id (its clauses' ids follow): resolves an id collision."""
    old = doc.doc_id
    doc.doc_id = new_id
    for c in doc.clauses:
        c.doc_id = new_id
        c.clause_id = new_id + c.clause_id[len(old):]


def parse_upload(data: bytes, name: str, max_tokens: int = 400, encoding: str = "o200k_base") -> ParsedFile:
    return _parse(read_bytes(data, name), {}, max_tokens, encoding)


def parse_stored(name: str, text: str, encoding: str, sha256: str, max_tokens: int = 400,
                 token_encoding: str = "o200k_base") -> ParsedFile:
    """Parse a source from the text the store keeps of it (when the original file is gone)."""
    return _parse(SourceText(name=name, text=text, encoding=encoding, sha256=sha256), {}, max_tokens, token_encoding)
