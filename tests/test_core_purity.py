"""The domain core imports no Django and no I/O library, and still works when they are absent."""

import subprocess
import sys
import textwrap


def test_it_evaluates_with_django_and_io_libraries_unimportable():
    script = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"django", "openpyxl", "yaml", "typer", "rich", "docx"}:
                    raise ImportError(f"blocked {name}")
        sys.meta_path.insert(0, Block())
        from planeval.domain import parse_period
        from planeval.evaluate import evaluate
        from planeval.yearly_targets import yearly_targets
        import planeval.methods
        import planeval.early_warning
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"django", "openpyxl", "yaml"})
        print("loaded:", loaded)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout
