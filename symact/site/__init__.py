"""The glossary website: pages rendered from the facts ([`pages`][symact.site.pages]), MathML
([`mathml`][symact.site.mathml]), glossary properties ([`concepts`][symact.site.concepts]), the
MkDocs hook ([`hooks`][symact.site.hooks]) and the atomic build ([`build`][symact.site.build]).

A regular package (not a namespace one) so that `lint-imports` sees its modules and checks them
against the layers in `pyproject.toml`.
"""
