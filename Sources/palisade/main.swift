import PalisadeFormats
import PalisadeCore

let buf = try SourceBuffer.read(path: CommandLine.arguments[1])
let (docs, errs) = YAMLStreamParser.parseAll(bytes: buf.bytes, file: buf.name)
print(docs.count, errs)
