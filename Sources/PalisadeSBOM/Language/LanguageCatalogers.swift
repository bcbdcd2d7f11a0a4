/// Every language-ecosystem cataloger, for the image pipeline to register alongside the OS ones. Each is
/// stateless and decides from the path (and size / executable bit) alone whether it wants a file.
public enum LanguageCatalogers {
    public static let all: [any PackageCataloger] = [
        PythonPackageCataloger(),
        NPMPackageCataloger(),
        GoBinaryCataloger(),
        RustCataloger(),
        JavaArchiveCataloger(),
        GemspecCataloger(),
        ComposerCataloger(),
        DotnetDepsCataloger(),
    ]
}
