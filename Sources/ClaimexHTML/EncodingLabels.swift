/// The character encodings claimex decodes, keyed by the labels pages use for them.
///
/// Labels follow the WHATWG Encoding Standard: `iso-8859-1`, `latin1` and `us-ascii` all
/// mean windows-1252, as they do in every browser. Encodings beyond UTF-8, UTF-16 and
/// windows-1252 are decoded with the C library's iconv under the name given here.
enum PageEncoding: Hashable, Sendable {
    case utf8
    case utf16LE
    case utf16BE
    case windows1252
    /// Any other encoding: its WHATWG name and the name iconv knows it by.
    case iconv(name: String, iconvName: String)

    /// The WHATWG name.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1252: "windows-1252"
        case .iconv(let name, _): name
        }
    }

    /// The encoding a label names, or nil for a label no browser knows.
    /// The label is trimmed of ASCII whitespace and compared case-insensitively.
    static func forLabel(_ label: String) -> PageEncoding? {
        let key = label.trimmingASCIIWhitespace().lowercased()
        return labels[key]
    }

    private static let labels: [String: PageEncoding] = {
        var table: [String: PageEncoding] = [:]
        func add(_ encoding: PageEncoding, _ names: [String]) {
            for name in names { table[name] = encoding }
        }
        add(.utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"])
        add(.windows1252, ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                           "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                           "us-ascii", "windows-1252", "x-cp1252", "x-user-defined"])
        add(.utf16LE, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"])
        add(.utf16BE, ["unicodefffe", "utf-16be"])
        let iconvTable: [(String, String, [String])] = [
            ("ISO-8859-2", "ISO-8859-2", ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "l2", "latin2"]),
            ("ISO-8859-5", "ISO-8859-5", ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso8859-5", "iso88595", "iso_8859-5"]),
            ("ISO-8859-7", "ISO-8859-7", ["greek", "greek8", "iso-8859-7", "iso8859-7", "iso88597", "iso_8859-7"]),
            ("ISO-8859-15", "ISO-8859-15", ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
            ("windows-1250", "WINDOWS-1250", ["cp1250", "windows-1250", "x-cp1250"]),
            ("windows-1251", "WINDOWS-1251", ["cp1251", "windows-1251", "x-cp1251"]),
            ("windows-1253", "WINDOWS-1253", ["cp1253", "windows-1253", "x-cp1253"]),
            ("windows-1254", "WINDOWS-1254", ["cp1254", "windows-1254", "x-cp1254", "iso-8859-9", "latin5", "l5"]),
            ("windows-1256", "WINDOWS-1256", ["cp1256", "windows-1256", "x-cp1256"]),
            ("KOI8-R", "KOI8-R", ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
            ("KOI8-U", "KOI8-U", ["koi8-ru", "koi8-u"]),
            ("macintosh", "MACINTOSH", ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
            ("IBM866", "IBM866", ["866", "cp866", "csibm866", "ibm866"]),
            ("Shift_JIS", "SHIFT_JIS", ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"]),
            ("EUC-JP", "EUC-JP", ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
            ("ISO-2022-JP", "ISO-2022-JP", ["csiso2022jp", "iso-2022-jp"]),
            ("GBK", "GBK", ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"]),
            ("gb18030", "GB18030", ["gb18030"]),
            ("Big5", "BIG5-HKSCS", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
            ("EUC-KR", "CP949", ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
        ]
        for (name, iconvName, names) in iconvTable {
            add(.iconv(name: name, iconvName: iconvName), names)
        }
        return table
    }()
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
