import PalisadeCore

/// PKCS#12 key stores (`.p12`, `.pfx`): binary archives of a private key and its certificate chain,
/// recognised by file name plus a DER SEQUENCE header, since their content has no text to match.
enum KeyStoreFileRule {
    static let metadata = RuleMetadata(
        id: "SECRET-PKCS12-FILE", title: "PKCS#12 key store file", severity: .high, category: "Secrets",
        why: "A PKCS#12 (.p12/.pfx) file usually holds a private key with its certificate; its password is "
            + "often empty or weak, so anyone who pulls the image can extract the key offline.",
        remediation: "Replace the key and revoke its certificate if it was ever used, rebuild the image without "
            + "the file, and mount key stores at run time from a secret store.",
        frameworks: FrameworkMappings(mitre: ["T1552.004"], nist: [.image]),
        references: ["https://datatracker.ietf.org/doc/html/rfc7292"])

    /// Whether `path` and `contents` look like a PKCS#12 archive (DER: 0x30 then a long-form length).
    static func matches(path: String, contents: UnsafeRawBufferPointer) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".p12") || lower.hasSuffix(".pfx") else { return false }
        guard contents.count >= 4, contents[0] == 0x30 else { return false }
        return contents[1] == 0x80 || (contents[1] >= 0x81 && contents[1] <= 0x84)
    }
}
