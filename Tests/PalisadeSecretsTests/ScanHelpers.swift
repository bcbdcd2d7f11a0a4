@testable import PalisadeSecrets

/// One scanner for the whole test run: compiling the rule set takes ~100 ms.
let sharedScanner: SecretScanner = {
    do { return try SecretScanner() } catch { fatalError("secret rules do not compile: \(error)") }
}()

/// Scans a sample the way the image scanner would: files with `scanFile`, config strings with `scanText`.
func scan(_ sample: SecretSample, session: SecretScanSession = sharedScanner.makeSession()) -> [SecretMatch] {
    if let path = sample.path { return scanFile(sample.text, path: path, session: session) }
    return session.scanText(sample.text, context: "the image config Env")
}

func scanFile(
    _ text: String, path: String, firstLine: Int = 1, session: SecretScanSession = sharedScanner.makeSession()
) -> [SecretMatch] {
    Array(text.utf8).withUnsafeBytes { session.scanFile(path: path, contents: $0, firstLine: firstLine) }
}

func scanBytes(_ bytes: [UInt8], path: String, session: SecretScanSession = sharedScanner.makeSession())
    -> [SecretMatch]
{
    bytes.withUnsafeBytes { session.scanFile(path: path, contents: $0) }
}
