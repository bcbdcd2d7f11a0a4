import Testing

@testable import PalisadeFormats

@Suite("Document splitter")
struct DocumentSplitterTests {
    func chunks(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            DocumentSplitter.split(raw).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
    }

    @Test("splits only on column-0 document markers")
    func markers() {
        #expect(chunks("a: 1\n---\nb: 2\n") == ["a: 1\n", "---\nb: 2\n"])
        #expect(chunks("--- !x\na: 1\n") == ["--- !x\na: 1\n"])
        #expect(chunks("a: |\n  ---\n  text\n") == ["a: |\n  ---\n  text\n"])
        #expect(chunks("a: 1\n----\n") == ["a: 1\n----\n"])
        #expect(chunks("a: 1\r\n---\r\nb: 2") == ["a: 1\r\n", "---\r\nb: 2"])
        #expect(chunks("") == [""])
    }

    @Test("line offsets count every line break style")
    func lineOffsets() {
        let bytes = Array("a: 1\r\nb: 2\n---\nc: 3\n---\n".utf8)
        let offsets = bytes.withUnsafeBytes { DocumentSplitter.split($0).map(\.lineOffset) }
        #expect(offsets == [0, 2, 4])
    }
}
