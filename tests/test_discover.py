"""Which files a scan looks at."""

from __future__ import annotations

from ctimod.discover import discover


def _tree(tmp_path, names):
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def _found(tmp_path, sniffed: bool = False, **kw):
    """The adapter files found (or, with ``sniffed``, the other files, read only by content)."""
    result = discover([str(tmp_path)], **kw)
    return [c.display[len(str(tmp_path)) + 1:] for c in result.candidates if c.sniff == sniffed]


def test_default_extensions_cover_where_adapters_live(tmp_path):
    names = ["a.js", "b.mjs", "c.cjs", "d.jsx", "e.ts", "f.tsx", "g.html", "h.htm", "i.page", "j.component",
             "k.vf", "l.vfp", "m.cmp", "n.app", "o.resource", "p.erb", "q.xml", "r.callCenter",
             "s.callCenter-meta.xml", "t.cljs"]
    _tree(tmp_path, names + ["skip.py", "skip.md", "skip.css", "skip.cls", "logo.png", "lib.jar"])
    assert _found(tmp_path) == sorted(names)
    # Other files are read by content (listed only if they mention the API); media and archives are not.
    assert _found(tmp_path, sniffed=True) == ["skip.cls", "skip.css", "skip.md", "skip.py"]


def test_vcs_node_modules_and_gitignored_paths_are_skipped(tmp_path):
    _tree(tmp_path, [".git/hooks/x.js", "node_modules/lib/index.js", "dist/bundle.js", "src/a.js",
                     "src/gen/out.js", "src/keep.js", "logs/debug.js"])
    (tmp_path / ".gitignore").write_text("dist/\nlogs\n")
    (tmp_path / "src" / ".gitignore").write_text("gen/\n*.js\n!keep.js\n!a.js\n")
    assert _found(tmp_path) == ["src/a.js", "src/keep.js"]
    assert "dist/bundle.js" in _found(tmp_path, use_gitignore=False)


def test_include_restricts_and_exclude_removes(tmp_path):
    _tree(tmp_path, ["src/a.js", "src/vendor/b.js", "test/c.js", "README.txt"])
    assert _found(tmp_path, include=["src/**"]) == ["src/a.js", "src/vendor/b.js"]
    assert _found(tmp_path, exclude=["vendor"]) == ["src/a.js", "test/c.js"]
    assert _found(tmp_path, include=["*.txt"]) == ["README.txt"]


def test_explicit_files_are_always_taken_once(tmp_path):
    _tree(tmp_path, ["notes.txt", "a.js"])
    result = discover([str(tmp_path / "notes.txt"), str(tmp_path / "a.js"), str(tmp_path)])
    assert [c.display.rsplit("/", 1)[-1] for c in result.candidates] == ["a.js", "notes.txt"]


def test_missing_paths_are_reported(tmp_path):
    result = discover([str(tmp_path / "nope")])
    assert result.missing == [str(tmp_path / "nope")]


def test_include_and_exclude_use_gitignore_syntax(tmp_path):
    _tree(tmp_path, ["src/a.js", "src/b.js", "src/deep/c.js", "lib/test/t.js", "lib/test/keep.js", "lib/d.js"])
    assert _found(tmp_path, exclude=["src/*", "!src/a.js"]) == ["lib/d.js", "lib/test/keep.js", "lib/test/t.js",
                                                               "src/a.js"]
    assert _found(tmp_path, exclude=["**/test/*.js", "!keep.js"]) == ["lib/d.js", "lib/test/keep.js", "src/a.js",
                                                                     "src/b.js", "src/deep/c.js"]
    assert _found(tmp_path, include=["/src/*.js"]) == ["src/a.js", "src/b.js"]
    assert _found(tmp_path, include=["deep/"]) == ["src/deep/c.js"]


def test_a_run_of_stars_in_an_ignore_pattern_is_one_star(tmp_path):
    """A .gitignore line of 100,000 '*' then 'x' (or such an --exclude) means '*x': pathspec made each star a
    '[^/]*' of its own, a regular expression that took minutes to compile and to match (scan: 31 s at load 5).
    The rule built is one star's, and it still matches what '*x' matches; an escaped star stays a star."""
    from ctimod.discover import Globs, _read_gitignore

    (tmp_path / ".gitignore").write_text("*" * 100_000 + "x\n" + "a\\****b\n", encoding="utf-8")
    spec = _read_gitignore(str(tmp_path / ".gitignore"))
    assert [len(p.regex.pattern) for p in spec.patterns] == [
        len(p.regex.pattern) for p in _spec_of(["*x", "a\\**b"]).patterns]
    assert spec.match_file("dir/abx") and not spec.match_file("a.js") and spec.match_file("a*zzb")
    assert not spec.match_file("azzb")  # the escaped star is a star character
    excluded = Globs(["*" * 100_000 + ".js"])
    assert excluded.match("a.js") and not excluded.match("a.ts")
    assert len(excluded._spec.patterns[0].regex.pattern) < 100
    (tmp_path / "abx").write_text("sforce.opencti.refreshView();\n", encoding="utf-8")
    (tmp_path / "a.js").write_text("sforce.opencti.refreshView();\n", encoding="utf-8")
    assert [c.display for c in discover([str(tmp_path)]).candidates] == [f"{tmp_path}/a.js"]


def _spec_of(lines):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
