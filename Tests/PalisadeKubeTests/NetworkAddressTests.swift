import PalisadeKube
import Testing

@Suite struct NetworkAddressTests {
    @Test func parsesIPv4() {
        #expect(IPAddress("10.1.2.3")?.description == "10.1.2.3")
        #expect(IPAddress("255.255.255.255")?.low == 0xFFFF_FFFF)
        #expect(IPAddress("010.1.2.3")?.description == "10.1.2.3")  // sloppy, as Kubernetes reads it
        for bad in ["256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "", "1.2.3.4 ", "-1.2.3.4"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func parsesIPv6() {
        #expect(IPAddress("::")?.description == "::")
        #expect(IPAddress("::1")?.description == "::1")
        #expect(IPAddress("2001:DB8::8:800:200C:417A")?.description == "2001:db8::8:800:200c:417a")
        #expect(IPAddress("fe80:0:0:0:0:0:0:1")?.description == "fe80::1")
        #expect(IPAddress("::ffff:10.0.0.1")?.low == 0x0000_FFFF_0A00_0001)
        #expect(IPAddress("1:2:3:4:5:6:7::")?.description == "1:2:3:4:5:6:7:0")
        for bad in [
            ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7", ":1::", "1:", "fe80::1%eth0", "g::",
        ] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func cidrContainment() throws {
        let block = try #require(CIDRBlock("172.17.0.0/16"))
        #expect(block.contains(IPAddress("172.17.255.255")!))
        #expect(!block.contains(IPAddress("172.18.0.0")!))
        #expect(!block.contains(IPAddress("::ffff:172.17.0.1")!))  // families never mix
        #expect(CIDRBlock("10.0.0.1/8")?.first == IPAddress("10.0.0.0"))  // host bits masked
        #expect(CIDRBlock("0.0.0.0/0")?.contains(IPAddress("203.0.113.9")!) == true)
        let v6 = try #require(CIDRBlock("2001:db8::/32"))
        #expect(v6.contains(IPAddress("2001:db8:ffff::1")!))
        #expect(!v6.contains(IPAddress("2001:db9::")!))
        #expect(CIDRBlock("::/0")?.contains(IPAddress("ffff::")!) == true)
        #expect(CIDRBlock("2001:db8::/64")?.last == IPAddress("2001:db8::ffff:ffff:ffff:ffff"))
        for bad in ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::/129", "10.0.0/8", "10.0.0.0/8/8", "x/8"]
        {
            #expect(CIDRBlock(bad) == nil, "\(bad)")
        }
    }

    @Test func rangeSetSubtractionAndInternet() throws {
        var set = IPRangeSet(CIDRBlock("172.17.0.0/16")!)
        set.subtract(IPRangeSet(CIDRBlock("172.17.1.0/24")!))
        #expect(set.contains(IPAddress("172.17.0.255")!))
        #expect(!set.contains(IPAddress("172.17.1.7")!))
        #expect(set.contains(IPAddress("172.17.2.0")!))
        #expect(set.ranges.count == 2)
        #expect(IPRangeSet.internet.contains(IPAddress("8.8.8.8")!))
        #expect(!IPRangeSet.internet.contains(IPAddress("10.1.1.1")!))
        #expect(!IPRangeSet.internet.contains(IPAddress("192.168.3.3")!))
        #expect(IPRangeSet.internet.contains(IPAddress("2606:4700::1111")!))
        #expect(!IPRangeSet.internet.contains(IPAddress("fd00::1")!))
        #expect(set.intersection(.internet).isEmpty)  // 172.17/16 is private
    }
}
