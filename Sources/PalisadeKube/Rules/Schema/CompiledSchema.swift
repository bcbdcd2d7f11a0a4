/// A `FieldSchema` prepared for walking every object: a tree of shared nodes (no enum payload copies) whose
/// maps find a key by length and first byte before comparing strings, instead of hashing every key.
final class CompiledSchema: Sendable {
    enum Kind: Sendable {
        case bool, int, string, list, map, stringMap, anyMap
    }

    /// One known key of a map.
    struct Field: Sendable {
        let key: String
        let length: Int
        let firstByte: UInt8
        let schema: CompiledSchema
    }

    let kind: Kind
    /// The source schema, for "expected …" messages.
    let source: FieldSchema
    /// List elements (`nil`: unchecked).
    let element: CompiledSchema?
    /// Map fields.
    let fields: [Field]

    init(_ schema: FieldSchema) {
        source = schema
        var element: CompiledSchema?
        var fields: [Field] = []
        switch schema {
        case .bool: kind = .bool
        case .int: kind = .int
        case .string: kind = .string
        case .list(let e):
            kind = .list
            element = e.map(CompiledSchema.init)
        case .map(let map):
            kind = .map
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                fields.append(
                    Field(
                        key: key, length: key.utf8.count, firstByte: key.utf8.first ?? 0,
                        schema: CompiledSchema(value)))
            }
        case .stringMap: kind = .stringMap
        case .anyMap: kind = .anyMap
        }
        self.element = element
        self.fields = fields
    }

    /// The schema of map key `key`, if it is one the schema checks.
    @inline(__always)
    func field(_ key: String) -> CompiledSchema? {
        let utf8 = key.utf8
        let length = utf8.count
        guard let first = utf8.first else { return nil }
        for f in fields where f.length == length && f.firstByte == first && f.key == key { return f.schema }
        return nil
    }

    /// The compiled whole-object schemas, indexed by `KubeSchema.ObjectShape`.
    static let objects: [CompiledSchema] = KubeSchema.ObjectShape.allCases.map { CompiledSchema($0.schema) }

    /// The compiled form of `KubeSchema.object(kind:)`.
    static func object(kind: String) -> CompiledSchema { objects[KubeSchema.ObjectShape(kind: kind).rawValue] }
}
