import Foundation
import XCTest
@testable import GitdeskQR

final class QRCodeTests: XCTestCase {
    static let sample = PaymentDetails(
        name: "ООО «Ромашка»",
        personalAccount: "40702810138000012345",
        bankName: "ПАО Сбербанк",
        bic: "044525225",
        correspondentAccount: "30101810400000000225",
        payeeINN: "7701234567",
        kpp: "770101001",
        sumKopecks: 1_250_050,
        purpose: "Оплата по счёту № 17 от 01.02.2025, НДС не облагается"
    )

    static let samplePayload =
        "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810138000012345|BankName=ПАО Сбербанк"
        + "|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001"
        + "|Sum=1250050|Purpose=Оплата по счёту № 17 от 01.02.2025, НДС не облагается"

    // MARK: payload

    func testPayloadExact() {
        XCTAssertEqual(PaymentQR.payload(Self.sample), Self.samplePayload)
    }

    func testPayloadRequiredOnly() {
        let d = PaymentDetails(name: " ИП Иванов И. И. ", personalAccount: "40802810000000000001",
                               bankName: "АО «Тинькофф Банк»", bic: "044525974",
                               correspondentAccount: "30101810145250000974")
        XCTAssertEqual(PaymentQR.payload(d),
                       "ST00012|Name=ИП Иванов И. И.|PersonalAcc=40802810000000000001"
                       + "|BankName=АО «Тинькофф Банк»|BIC=044525974|CorrespAcc=30101810145250000974")
    }

    func testPayloadSanitising() {
        var d = Self.sample
        d.name = "Рога|и копыта\r\n"
        d.payeeINN = nil
        d.kpp = "  \t "           // empty after cleaning → omitted
        d.sumKopecks = 100
        d.purpose = "строка 1\nстрока 2|x\tу"
        XCTAssertEqual(PaymentQR.payload(d),
                       "ST00012|Name=Рога и копыта|PersonalAcc=40702810138000012345|BankName=ПАО Сбербанк"
                       + "|BIC=044525225|CorrespAcc=30101810400000000225|Sum=100|Purpose=строка 1 строка 2 x у")
    }

    // MARK: QR round trip

    func testRoundTripThroughZbarimg() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.zbarimg), "zbarimg not installed")
        // The full payment payload, plus short texts that zbar's charset guessing (no ECI in the
        // symbol) would misread as Shift-JIS without -Sbinary, even with --raw.
        for text in [PaymentQR.payload(Self.sample), "Оплата", "Purpose=café ü", "ST00012|Name=Ёж"] {
            let code = try QRCode(text)
            XCTAssertEqual(code.modules.count, code.size * code.size)
            XCTAssertEqual((code.size - 17) % 4, 0)
            XCTAssertEqual(try Self.decodeWithZbar(code), Array(text.utf8), text)
        }
    }

    static let zbarimg = "/usr/bin/zbarimg"

    /// Rasterises to a PGM and returns zbarimg's exact output bytes.
    /// `-Sbinary` = no charset guessing/conversion and no trailing newline; `--nodbus` silences dbus noise.
    static func decodeWithZbar(_ code: QRCode) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("gitdeskqr-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("code.pgm")
        try pgm(code, scale: 8).write(to: file)
        let r = try run(zbarimg, ["--nodbus", "--raw", "-q", "-Sbinary", file.path])
        XCTAssertEqual(r.status, 0, "zbarimg failed: \(String(decoding: r.stderr, as: UTF8.self))")
        return r.stdout
    }

    func testSVGMatchesModules() throws {
        let code = try QRCode(PaymentQR.payload(Self.sample))
        let svg = code.svg(label: "QR <оплата> & \"ещё\"")
        XCTAssertEqual(svg, code.svg(label: "QR <оплата> & \"ещё\""))  // deterministic
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        XCTAssertTrue(svg.contains(" role=\"img\" aria-label=\"QR &lt;оплата&gt; &amp; &quot;ещё&quot;\""))
        XCTAssertTrue(svg.contains("shape-rendering=\"crispEdges\""))
        XCTAssertEqual(svg.components(separatedBy: "<path").count - 1, 1)
        XCTAssertTrue(svg.hasSuffix("</svg>"))

        let matrix = try Self.parseSVG(svg, size: code.size)
        XCTAssertEqual(matrix, code.modules)
    }

    func testTooLongThrows() {
        let text = String(repeating: "a", count: 5000)
        XCTAssertThrowsError(try QRCode(text)) { error in
            XCTAssertEqual(error as? QRCodeError, .tooLong)
        }
        let cyr = String(repeating: "ж", count: 1200)   // 2400 bytes > 2331 (v40-M, 8-bit)
        XCTAssertThrowsError(try QRCode(cyr)) { error in
            XCTAssertEqual(error as? QRCodeError, .tooLong)
        }
    }

    func testLevels() throws {
        let low = try QRCode("hello", level: .low)
        let high = try QRCode(String(repeating: "x", count: 100), level: .high)
        XCTAssertEqual(low.size, 21)
        XCTAssertGreaterThan(high.size, 21)
    }

    // MARK: helpers

    /// Binary greyscale PGM ("P5") with a 4-module quiet zone.
    static func pgm(_ code: QRCode, scale: Int) -> Data {
        let q = 4
        let side = (code.size + 2 * q) * scale
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        var row = [UInt8](repeating: 255, count: side)
        for py in 0..<side {
            let y = py / scale - q
            for px in 0..<side {
                row[px] = code.isDark(x: px / scale - q, y: y) ? 0 : 255
            }
            data.append(contentsOf: row)
        }
        return data
    }

    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, Array(o), Array(e))
    }

    struct SVGParseError: Error { let message: String }

    /// Reads back the `d` of the single path ("M x y h n v1 h-n z" runs) into a module matrix.
    static func parseSVG(_ svg: String, size: Int) throws -> [Bool] {
        guard let r = svg.range(of: " d=\""),
              let end = svg[r.upperBound...].firstIndex(of: "\"") else { throw SVGParseError(message: "no d") }
        var s = Substring(svg[r.upperBound..<end])
        var m = [Bool](repeating: false, count: size * size)
        func expect(_ lit: String) throws {
            guard s.hasPrefix(lit) else { throw SVGParseError(message: "expected \(lit) at \(s.prefix(20))") }
            s = s.dropFirst(lit.count)
        }
        func int() throws -> Int {
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            guard let v = Int(digits) else { throw SVGParseError(message: "expected int at \(s.prefix(20))") }
            s = s.dropFirst(digits.count)
            return v
        }
        while !s.isEmpty {
            try expect("M"); let x = try int() - 4
            try expect(" "); let y = try int() - 4
            try expect("h"); let n = try int()
            try expect("v1h-"); guard try int() == n else { throw SVGParseError(message: "unbalanced run") }
            try expect("z")
            guard y >= 0, y < size, x >= 0, n > 0, x + n <= size else { throw SVGParseError(message: "run out of range") }
            for i in x..<(x + n) {
                guard !m[y * size + i] else { throw SVGParseError(message: "overlapping run") }
                m[y * size + i] = true
            }
        }
        return m
    }
}
