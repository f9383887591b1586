"""`python -m symact`: the same as the `symact` command."""

from symact.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
