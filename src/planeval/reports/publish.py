"""Write an evaluation's report in every format asked for, reporting progress as it goes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from planeval.domain.evaluation import Evaluation
from planeval.errors import PlanevalError
from planeval.io.folder import PlanFolder
from planeval.io.report_text import read_office_text
from planeval.reports.model import Report, build_report

PDF_TIMEOUT_SECONDS = 180


class ProgressLike(Protocol):
    """The part of ``rich.progress.Progress`` that publishing uses."""

    def add_task(self, description: str, total: float | None = ...) -> int: ...

    def advance(self, task_id: int, advance: float = ...) -> None: ...


def publish(
    folder: PlanFolder,
    evaluation: Evaluation,
    docx: Path,
    xlsx: Path | None = None,
    html: Path | None = None,
    pdf: Path | None = None,
    progress: ProgressLike | None = None,
) -> list[Path]:
    """Build the report of ``evaluation`` with the office's text of ``folder`` and write it.

    Returns:
        The paths written, in order.

    Raises:
        PlanFormatError: the folder's ``report.yaml`` cannot be read.
        PlanevalError: an output path with the wrong extension (so one path cannot serve two
            outputs), a folder that does not exist, or PDF asked for without LibreOffice; all checked
            before anything is written. Also LibreOffice failing to convert.
    """
    steps: list[tuple[str, Path, Callable[[Report, Evaluation, Path], None]]] = [("Word", docx, _docx)]
    steps += [(name, path, write) for name, path, write in (("Excel", xlsx, _xlsx), ("HTML", html, _html)) if path]
    steps += [("PDF", pdf, lambda r, e, p: to_pdf(docx, p))] if pdf else []
    _check_outputs([(name, path) for name, path, _ in steps])
    report = build_report(evaluation, read_office_text(folder.path, folder.plan))
    task = progress.add_task("writing the report", total=len(steps)) if progress else None
    for _, path, write in steps:
        write(report, evaluation, path)
        if progress and task is not None:
            progress.advance(task)
    return [path for _, path, _ in steps]


SUFFIXES = {"Word": ".docx", "Excel": ".xlsx", "HTML": ".html", "PDF": ".pdf"}


def _check_outputs(outputs: list[tuple[str, Path]]) -> None:
    # One extension per output also keeps one output from overwriting another.
    for name, path in outputs:
        if path.suffix.lower() not in (SUFFIXES[name], ".htm" if name == "HTML" else SUFFIXES[name]):
            raise PlanevalError(f"{path}: the {name} output must end in {SUFFIXES[name]}")
        if not path.parent.is_dir():
            raise PlanevalError(f"{path}: the folder {path.parent} does not exist")
    if "PDF" in dict(outputs) and _office() is None:
        raise PlanevalError("--pdf needs LibreOffice (soffice) on the PATH; install it or leave out --pdf")


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _docx(report: Report, evaluation: Evaluation, path: Path) -> None:
    from planeval.reports.docx import write_docx

    write_docx(report, path)


def _xlsx(report: Report, evaluation: Evaluation, path: Path) -> None:
    from planeval.reports.xlsx import write_xlsx

    write_xlsx(report, evaluation, path)


def _html(report: Report, evaluation: Evaluation, path: Path) -> None:
    from planeval.reports.html import render_html

    path.write_text(render_html(report), encoding="utf-8")


def to_pdf(docx: Path, pdf: Path) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice in headless mode.

    Raises:
        PlanevalError: LibreOffice (``soffice``) is not installed, fails or takes too long.
    """
    office = _office()
    if office is None:
        raise PlanevalError("--pdf needs LibreOffice (soffice) on the PATH; install it or leave out --pdf")
    with tempfile.TemporaryDirectory() as work:
        command = [office, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                   "--outdir", work, str(docx)]  # fmt: skip
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=PDF_TIMEOUT_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise PlanevalError(f"LibreOffice could not convert {docx} to PDF: {error}") from None
        shutil.move(str(Path(work) / f"{docx.stem}.pdf"), pdf)
