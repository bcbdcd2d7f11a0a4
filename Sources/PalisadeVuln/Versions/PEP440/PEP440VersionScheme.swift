/// Python (PyPI) versions under PEP 440. Parsing accepts every spelling PEP 440's normalisation
/// section allows (case, `v` prefix, `-`/`_`/`.` separators, `alpha`/`c`/`pre`/`preview`/`rev`/`r`,
/// implicit post `1.0-1`, omitted numbers) because the advisory and the installed metadata may
/// spell one version differently. Anything else, including numbers above 19 digits, is nil.
public enum PEP440VersionScheme: VersionScheme {
    public static let name = "pep440"

    public static func parse(_ text: String) -> PEP440Version? {
        var parser = PEP440Parser(bytes: Array(text.utf8))
        return parser.parse()
    }
}
