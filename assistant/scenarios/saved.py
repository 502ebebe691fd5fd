"""Saved scenarios: one YAML file per name under `MARGINAL_DATA_DIR/scenarios` ("save this as q3-plan").

A name is 1-64 letters, digits, '.', '_' or '-' and starts with a letter or digit, so it is a plain
file name: no folder, no '..', nothing outside the folder. `marginal scenario run q3-plan` reads the
same file.
"""

from __future__ import annotations

from pathlib import Path

from assistant.scenarios.dump import dump_scenarios
from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.loader import SCENARIO_NAME, load_scenarios
from assistant.scenarios.model import Scenario

__all__ = ["SUFFIX", "SavedScenarios"]

SUFFIX = ".yaml"


class SavedScenarios:
    """The folder of saved scenario files."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def names(self) -> list[str]:
        """Saved names, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob(f"*{SUFFIX}") if p.is_file() and SCENARIO_NAME.match(p.stem))

    def path(self, name: str) -> Path:
        """The file of `name`; a name that is not a plain file name is a `ScenarioError`."""
        name = name.strip().removesuffix(SUFFIX)
        if not SCENARIO_NAME.match(name) or ".." in name:
            raise ScenarioError([Problem(f"{name!r} cannot name a saved scenario: use 1-64 letters, digits, '.', "
                                         "'_' or '-', starting with a letter or digit (e.g. q3-plan).")])
        path = self.folder / f"{name}{SUFFIX}"
        if path.is_symlink():  # a link could point anywhere: saved scenarios are plain files in the folder
            raise ScenarioError([Problem(f"{path} is a symbolic link; saved scenarios are plain files.")])
        return path

    def exists(self, name: str) -> bool:
        """Whether `name` is a valid name that has been saved."""
        try:
            return self.path(name).is_file()
        except ScenarioError:
            return False

    def missing(self, name: str) -> str:
        """The message for a name that is not saved, listing the saved ones."""
        saved = self.names()
        listed = f"Saved scenarios: {', '.join(saved)}." if saved else "No scenario has been saved yet."
        return f"There is no saved scenario {name!r}. {listed} Save one with 'save this as NAME'."

    def save(self, name: str, scenario: Scenario) -> tuple[Path, bool]:
        """Write `scenario` as `name` (replacing a file of that name); the path and whether it replaced one."""
        path = self.path(name)
        replaced = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_scenarios({path.stem: scenario}), encoding="utf-8")
        return path, replaced

    def load(self, name: str, scenario: str | None = None) -> tuple[str, Scenario, list[str]]:
        """(the scenario's name, the scenario, every name in the file) from the saved file `name`.

        The file's scenario called `scenario`, else the one named like the file, else its first.
        """
        path = self.path(name)
        if not path.is_file():
            raise ScenarioError([Problem(self.missing(name))])
        file = load_scenarios(path)
        pick = scenario or (path.stem if path.stem in file.names else file.names[0])
        return pick, file.get(pick), file.names
