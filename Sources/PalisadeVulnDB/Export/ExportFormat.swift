import Crypto
import Foundation

/// The single-file form of an advisory database that `palisade db export` writes and `palisade db import` reads:
/// `PALISADE-ADVISORY-DB 1 sha256=<hex> built=<ISO 8601>\n` and then the bytes of a compact SQLite database. The
/// checksum covers everything after the header line, so a truncated or altered file is refused before any use.
enum ExportFormat {
    static let magic = Array("PALISADE-ADVISORY-DB ".utf8)
    static let formatVersion = 1

    static func isExport(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    static func header(sha256: String, built: String) -> String {
        "PALISADE-ADVISORY-DB \(formatVersion) sha256=\(sha256) built=\(built)\n"
    }

    static func sha256Hex(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    /// The database bytes of an export, after its header and checksum were checked.
    static func verifiedPayload(_ bytes: [UInt8], path: String) throws(AdvisoryStoreError) -> ArraySlice<UInt8> {
        guard let newline = bytes.prefix(512).firstIndex(of: 0x0A) else {
            throw AdvisoryStoreError("\(path): bad export header")
        }
        let fields = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        guard fields.count >= 3, fields[0] == "PALISADE-ADVISORY-DB" else {
            throw AdvisoryStoreError("\(path): bad export header")
        }
        guard fields[1] == "\(formatVersion)" else {
            throw AdvisoryStoreError("\(path): export format \(fields[1]) is not supported; upgrade palisade")
        }
        guard let expected = fields.first(where: { $0.hasPrefix("sha256=") })?.dropFirst(7) else {
            throw AdvisoryStoreError("\(path): export header has no sha256")
        }
        let payload = bytes[(newline + 1)...]
        let actual = sha256Hex(payload)
        guard actual == expected else {
            throw AdvisoryStoreError("\(path): checksum mismatch (header says \(expected), contents hash to \(actual))")
        }
        return payload
    }
}
