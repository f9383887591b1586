"""MkDocs hooks: `mkdocs.yml` lists this file, so every MkDocs build of the site (`mkdocs build`,
`mkdocs serve`, `symact site build`) adds the generated pages and plots and fills the markers.

- `on_config`: the navigation (activations by family, the glossary);
- `on_files`: the generated pages and plots, added as files that exist only in the build;
- `on_page_markdown`: hand-written pages get their `<!-- symact:… -->` markers filled with lists
  computed from the facts; every page's `$…$` maths becomes MathML.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from symact.site import build
from symact.site.mathml import markdown_maths
from symact.site.pages import fill_markers
from symact.site.stack import linear_collapse

_GENERATED: dict[str, str] = {}


def on_config(config: Any) -> Any:
    config["nav"] = build.nav()
    return config


def on_files(files: Files, config: Any) -> Files:
    _GENERATED.clear()
    _GENERATED.update(build.generated_files(build.progress_printer()))
    for path, text in sorted(_GENERATED.items()):
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    depth = page.file.src_uri.count("/")
    prefix = "../" * depth
    if page.file.src_uri not in _GENERATED:
        markdown = fill_markers(
            markdown, build.entries(), prefix=prefix, extra={"linear-collapse": linear_collapse()}
        )
    return markdown_maths(markdown)
