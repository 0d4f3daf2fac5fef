"""Bad files are reported by name and reason; the others are ingested; nothing else changes."""
from click.testing import CliRunner

from kamergraaf.cli import main
from kamergraaf.graph.store import KnowledgeStore


def build(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)], catch_exceptions=False)


def test_bad_files_leave_the_store_exactly_as_it_was(workdir, tmp_path):
    store_path = tmp_path / "store"
    result = build("--store", store_path, workdir)
    assert result.exit_code == 0, result.output
    with KnowledgeStore(store_path) as store:
        before = store.dump("nquads")

    bad = {
        "empty.txt": (b"", "empty file"),
        "binary.txt": (bytes(range(256)) * 4, "binary file"),
        "undecodable.txt": (b"Antwoord " + bytes(range(0x80, 0x100)) * 2, "not valid UTF-8"),
        "broken.xml": (b"<officiele-publicatie><kamerstuk>", "malformed XML"),
        "notes.pdf": (b"%PDF-1.4", "not a readable PDF"),
        "notes.odt": (b"PK", "unsupported file type"),
    }
    for name, (content, _reason) in bad.items():
        (workdir / name).write_bytes(content)
    with (workdir / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)

    result = build("--store", store_path, workdir)
    assert result.exit_code == 1
    for name, (_content, reason) in bad.items():
        assert f"{workdir / name}: {reason}" in result.output, result.output
    assert f"{workdir / 'huge.txt'}: too large" in result.output
    assert "5 unchanged, 7 failed" in result.output
    with KnowledgeStore(store_path) as store:
        assert store.dump("nquads") == before


def test_good_files_are_still_ingested_next_to_bad_ones(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"")
    (docs / "b.txt").write_text("Den Haag, 1 mei 2024\n\nEen brief aan de Kamer.\n", encoding="utf-8")
    result = build("--store", tmp_path / "store", docs)
    assert result.exit_code == 1
    assert "1 added" in result.output and "a.txt: empty file" in result.output


def test_a_file_name_with_a_line_break_cannot_forge_an_error_line(workdir, tmp_path):
    (workdir / "evil\nerror: seeds ok.txt").write_bytes(b"")
    result = build("--store", tmp_path / "store", workdir)
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines == [f"error: {workdir}/evil\\nerror: seeds ok.txt: empty file"]


def test_a_full_disk_ends_the_build_with_a_message_not_a_traceback(workdir, tmp_path, monkeypatch):
    from kamergraaf.graph.store import KnowledgeStore as Store

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "add_documents", full)
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), "--jobs", "1", str(workdir)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_links_that_loop_or_lead_nowhere_are_named_and_folders_behind_links_skipped(workdir, tmp_path):
    (workdir / "sub").mkdir()
    (workdir / "sub" / "up").symlink_to("..")  # a loop through a folder
    (workdir / "loop-a.txt").symlink_to("loop-b.txt")
    (workdir / "loop-b.txt").symlink_to("loop-a.txt")
    (workdir / "gone.txt").symlink_to("nowhere.txt")
    (workdir / "seed-link.txt").symlink_to(sorted(workdir.glob("000_*.txt"))[0].name)  # a link to a file is read
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(workdir)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"error: {workdir / 'loop-a.txt'}: a symbolic link that loops" in lines
    assert f"error: {workdir / 'gone.txt'}: a symbolic link to nothing" in lines
    assert any(line.startswith(f"skipped: {workdir / 'sub' / 'up'}: a link to a folder, not followed") for line in lines)
    [summary] = [line for line in lines if " added, " in line]
    assert summary.startswith("6 added") and "1 skipped, 3 failed" in summary
