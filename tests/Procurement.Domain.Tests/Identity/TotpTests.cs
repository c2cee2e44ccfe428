using System.Text;
using Procurement.Domain.Identity;

namespace Procurement.Domain.Tests.Identity;

public sealed class TotpTests
{
    // RFC 6238 appendix B: SHA-1 with the ASCII key "12345678901234567890"; the RFC lists 8 digits, an
    // authenticator app shows the last 6.
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]          // 94287082
    [InlineData(1111111109L, "081804")]  // 07081804
    [InlineData(1111111111L, "050471")]  // 14050471
    [InlineData(1234567890L, "005924")]  // 89005924
    [InlineData(2000000000L, "279037")]  // 69279037
    [InlineData(20000000000L, "353130")] // 65353130
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcKey, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Fact]
    public void A_code_is_accepted_one_step_either_side_and_the_step_it_matched_is_returned()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);

        Assert.Equal(step, Totp.MatchingStep(RfcKey, Totp.Code(RfcKey, step), now));
        Assert.Equal(step - 1, Totp.MatchingStep(RfcKey, Totp.Code(RfcKey, step - 1), now));
        Assert.Equal(step + 1, Totp.MatchingStep(RfcKey, Totp.Code(RfcKey, step + 1), now));
        Assert.Null(Totp.MatchingStep(RfcKey, Totp.Code(RfcKey, step + 2), now));
        Assert.Null(Totp.MatchingStep(RfcKey, Totp.Code(RfcKey, step - 2), now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits
    public void Malformed_codes_match_nothing(string code) =>
        Assert.Null(Totp.MatchingStep(RfcKey, code, DateTimeOffset.UtcNow));

    [Fact]
    public void Base32_decodes_the_RFC_4648_examples_and_ignores_case_spaces_and_padding()
    {
        Assert.Equal("foobar", Encoding.ASCII.GetString(Totp.DecodeBase32("MZXW6YTBOI======")));
        Assert.Equal("foobar", Encoding.ASCII.GetString(Totp.DecodeBase32("mzxw 6ytb oi")));
        Assert.Equal("fo", Encoding.ASCII.GetString(Totp.DecodeBase32("MZXQ====")));
        Assert.Throws<FormatException>(() => Totp.DecodeBase32("MZ1Q"));
    }
}
