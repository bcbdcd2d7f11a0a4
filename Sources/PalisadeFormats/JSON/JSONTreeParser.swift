import PalisadeCore

/// Parses JSON into the same `YAMLNode` tree the YAML loader builds, so every Kubernetes rule runs
/// unchanged on admission requests and audit events. Strings become double-quoted scalars (so
/// `"true"` stays a string), numbers, booleans and null plain scalars.
public enum JSONTreeParser {
    /// Parses one JSON document. `file` names the input in errors (`FILE:LINE:COL: reason`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String, maxDepth: Int = 256) throws(InputError)
        -> YAMLNode
    {
        throw InputError(file: file, reason: "JSON parser not built yet")
    }
}
