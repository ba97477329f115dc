import Cqrencode
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A QR code's modules, made by libqrencode.
public struct QRCode: Sendable, Equatable {
    /// Modules per side (without quiet zone).
    public let size: Int
    /// Row-major, `true` = dark; `size * size` entries.
    public let modules: [Bool]

    /// Error correction level.
    public enum Level: Sendable {
        case low, medium, quartile, high

        fileprivate var qr: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Encodes UTF-8 text in 8-bit mode at error correction level M (what bank apps expect);
    /// throws when too long or libqrencode fails.
    public init(_ text: String, level: Level = .medium) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QRCodeError.failed("empty input") }
        errno = 0
        // version 0 = smallest version that fits; 8-bit mode, no Kanji guessing.
        let code = bytes.withUnsafeBufferPointer { buf in
            QRcode_encodeData(Int32(buf.count), buf.baseAddress, 0, level.qr)
        }
        guard let code else {
            let err = errno
            if err == ERANGE { throw QRCodeError.tooLong }
            throw QRCodeError.failed(err == 0 ? "QRcode_encodeData returned NULL" : String(cString: strerror(err)))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else {
            throw QRCodeError.failed("libqrencode returned an empty symbol")
        }
        let count = width * width
        var modules = [Bool](repeating: false, count: count)
        for i in 0..<count {
            modules[i] = data[i] & 1 == 1
        }
        self.size = width
        self.modules = modules
    }

    /// Whether the module at column `x`, row `y` is dark (false outside the symbol).
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Width of the quiet zone, in modules, that `svg(label:)` draws around the symbol.
    public static let quietZone = 4

    /// A standalone inline SVG (`<svg … viewBox … role="img" aria-label=…>` with one `<path>` of
    /// unit squares merged per row run, a 4-module quiet zone, `shape-rendering="crispEdges"`),
    /// deterministic bytes. `label` is XML-escaped.
    public func svg(label: String) -> String {
        let q = QRCode.quietZone
        let total = size + 2 * q
        var d = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y * size + x] else { x += 1; continue }
                let start = x
                while x < size && modules[y * size + x] { x += 1 }
                d += "M\(start + q) \(y + q)h\(x - start)v1h-\(x - start)z"
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\""
            + " role=\"img\" aria-label=\"\(QRCode.xmlEscape(label))\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(d)\"/>"
            + "</svg>"
    }

    /// Escapes text for an XML attribute; control characters (invalid in XML 1.0) become spaces.
    static func xmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}

public enum QRCodeError: Error, Equatable {
    case tooLong
    case failed(String)
}
