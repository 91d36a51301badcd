"""import-linter contract: an app uses another app only through its public modules.

``core`` is the platform toolkit and wholly public. Any other app ``B`` may be imported by app
``A`` only through ``B.services`` (writes), ``B.selectors`` (reads), ``B.choices`` (enumerations)
and ``B.validators`` (input checks) — or a module listed in ``extra_public`` with its reason in
``docs/adr/0009-modules-register-themselves.md``. Imports made only for type checking are not
counted (``exclude_type_checking_imports``), nor are an app's tests and migrations.
"""

from __future__ import annotations

from importlinter import Contract, ContractCheck, fields, output


class PublicSurfaceContract(Contract):
    type_name = "public surface"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    extra_public = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:  # noqa: ANN001 - import-linter's API
        apps = [str(a) for a in self.apps]  # type: ignore[attr-defined]
        public = {str(p) for p in self.public}  # type: ignore[attr-defined]
        extra = {str(m) for m in (self.extra_public or [])}  # type: ignore[attr-defined]
        broken = []
        for importer_app in apps:
            for importer in sorted(graph.find_descendants(importer_app)):
                if ".tests" in importer or ".migrations" in importer:
                    continue
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    owner = next(
                        (a for a in apps if imported == a or imported.startswith(a + ".")), None
                    )
                    if owner is None or owner == importer_app or imported == owner:
                        continue
                    first = imported[len(owner) + 1 :].split(".")[0]
                    if first in public or imported in extra:
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = ", ".join(str(d["line_number"]) for d in details) or "?"
                    broken.append((importer, imported, lines))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, lines in check.metadata["broken"]:
            output.print_error(
                f"{importer} imports {imported} (line {lines}): use the app's services, "
                "selectors, choices or validators instead.",
                bold=False,
            )
