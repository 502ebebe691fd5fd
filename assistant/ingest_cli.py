"""`marginal ingest` and `marginal sources`: manage the knowledge base from the command line.

`register(subparsers)` adds both subcommands; each sets `func`, a handler taking the parsed
namespace and returning the exit code: 0 done, 1 done but some files were skipped (the report
says why), 2 a Marginal error (message and fix printed, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assistant.config import Settings
from tools.errors import MarginalError

if TYPE_CHECKING:
    from knowledge import KnowledgeStore

# `knowledge` (chromadb) is imported inside the handlers: it takes ~1 s, which other
# subcommands such as `marginal ask` should not pay.

__all__ = ["register", "run_ingest", "run_sources"]


def register(subparsers: Any) -> None:
    """Add the `ingest` and `sources` subcommands to an argparse subparsers object."""
    ingest = subparsers.add_parser(
        "ingest", help="add documents to the knowledge base (--remove, --list, --rebuild)",
        description="Add markdown, text, PDF or HTML files (or folders of them) to the knowledge "
                    "base. Re-ingesting a file replaces its old version; unchanged files are "
                    "skipped quickly.")
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    mode = ingest.add_mutually_exclusive_group()
    mode.add_argument("--remove", action="store_true",
                      help="remove these files (or every file under these folders)")
    mode.add_argument("--list", action="store_true", help="list the documents in the store")
    ingest.add_argument("--rebuild", action="store_true",
                        help="drop and rebuild the store with the current MARGINAL_EMBEDDINGS, "
                             "re-ingesting your documents that still exist")
    ingest.set_defaults(func=run_ingest)
    sources = subparsers.add_parser("sources", help="list the documents in the knowledge base")
    sources.set_defaults(func=run_sources)


def run_ingest(args: argparse.Namespace) -> int:
    """Handle `marginal ingest`."""
    import knowledge

    _show_store_notices()
    try:
        if args.remove and not args.paths:
            raise MarginalError("--remove needs the files or folders to remove.",
                                hint="See `marginal ingest --list`.")
        if not (args.paths or args.list or args.rebuild):
            raise MarginalError("nothing to ingest.", hint="Give files or folders, e.g. "
                                "`marginal ingest notes/ deck.pdf`, or use --list.")
        store = _open_store(rebuild=args.rebuild)
        if args.rebuild:
            _print_rebuild(store)
        if args.list:
            _print_sources(store)
            return 0
        if args.remove:
            for path in args.paths:
                for info in knowledge.remove(path, store):
                    print(f"removed   {info.source}  ({info.chunks} chunk(s))")
            return 0
        if not args.paths:
            return 1 if any(store.rebuilt.values()) else 0
        report = knowledge.ingest(args.paths, store, progress=sys.stderr.isatty())
        print(report.summary())
        return 1 if report.skipped else 0
    except MarginalError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        print("interrupted: the store is intact; run the same command again to finish.",
              file=sys.stderr)
        return 130


def run_sources(args: argparse.Namespace) -> int:
    """Handle `marginal sources`."""
    try:
        _print_sources(_open_store())
        return 0
    except MarginalError as exc:
        return _fail(exc)


def _show_store_notices() -> None:
    """Print the store's notices (e.g. that this ingest waits for another writer) on stderr."""
    log = logging.getLogger("knowledge")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def _open_store(rebuild: bool = False) -> KnowledgeStore:
    import knowledge

    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first.get("loc", ("setting",))[0])
        raise MarginalError(f"invalid setting {name}: {first.get('msg')}.",
                            hint="Fix it in the environment or .env.") from exc
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return knowledge.open_store(settings.data_dir, chroma_url=settings.chroma_url,
                                embeddings=settings.embeddings, openai_api_key=key,
                                openai_base_url=settings.openai_base_url, rebuild=rebuild)


def _print_sources(store: KnowledgeStore) -> None:
    import knowledge

    infos = knowledge.list_sources(store)
    print(f"{len(infos)} document(s), {sum(i.chunks for i in infos)} chunk(s) in {store.location}")
    for info in infos:
        print(f"  {info.kind:<8} {info.chunks:>5}  {info.title[:40]:<40}  {info.source}")


def _print_rebuild(store: KnowledgeStore) -> None:
    done = [s for s, why in store.rebuilt.items() if not why]
    print(f"Rebuilt the knowledge store at {store.location} with {store.embedding.key} "
          f"embeddings: {store.count()} chunk(s); {len(done)} of your document(s) re-ingested.")
    for source, why in store.rebuilt.items():
        if why:
            print(f"  skipped   {source}  {why}")


def _fail(exc: MarginalError) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 2
