/// Why a page's bytes could not be turned into an HTML tree.
public enum HTMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file holds no bytes.
    case empty
    /// The bytes look like a binary or compressed file, not text.
    case binary(String)
    /// libxml2 produced no document at all.
    case noTree(String)

    /// The contract stage the failure belongs to.
    public var stageName: String {
        switch self {
        case .empty, .binary: "decode"
        case .noTree: "parse"
        }
    }

    public var description: String {
        switch self {
        case .empty:
            "the file is empty; re-save the page or remove it from the input"
        case .binary(let what):
            "the file is \(what), not an HTML page; decompress or convert it first"
        case .noTree(let why):
            "libxml2 could not build a tree from the page (\(why)); check that the file is HTML"
        }
    }
}
