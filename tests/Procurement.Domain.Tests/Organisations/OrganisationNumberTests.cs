using Procurement.Domain.Organisations;

namespace Procurement.Domain.Tests.Organisations;

public sealed class OrganisationNumberTests
{
    [Theory]
    [InlineData("212000-0803", "212000-0803")] // Region Gotland
    [InlineData("2120000142", "212000-0142")]  // Stockholms stad, without the hyphen
    [InlineData(" 556677-8899 ", "556677-8899")]
    [InlineData("202100-5554", "202100-5554")]
    public void Valid_numbers_are_accepted_and_written_NNNNNN_NNNN(string input, string expected)
    {
        Assert.True(OrganisationNumber.TryParse(input, out var number, out var error));
        Assert.Equal(OrganisationNumberError.None, error);
        Assert.Equal(expected, number.ToString());
    }

    [Theory]
    [InlineData("212000-0804", OrganisationNumberError.WrongCheckDigit)]
    [InlineData("556677-8898", OrganisationNumberError.WrongCheckDigit)]
    [InlineData("55667-78899", OrganisationNumberError.WrongFormat)]
    [InlineData("556677+8899", OrganisationNumberError.WrongFormat)]
    [InlineData("5566778899x", OrganisationNumberError.WrongFormat)]
    [InlineData("55667788", OrganisationNumberError.WrongFormat)]
    [InlineData("556677-889٩", OrganisationNumberError.WrongFormat)] // an Arabic-Indic nine is a digit, but not ours
    [InlineData("", OrganisationNumberError.Missing)]
    [InlineData("   ", OrganisationNumberError.Missing)]
    [InlineData(null, OrganisationNumberError.Missing)]
    public void Invalid_numbers_are_refused_with_the_reason(string? input, OrganisationNumberError expected)
    {
        Assert.False(OrganisationNumber.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("212000080", 3)]
    [InlineData("556677889", 9)]
    [InlineData("000000000", 0)]
    [InlineData("811218987", 6)] // the textbook personnummer example 811218-9876
    public void The_check_digit_follows_Luhn(string nineDigits, int checkDigit) =>
        Assert.Equal(checkDigit, OrganisationNumber.LuhnCheckDigit(nineDigits));

    [Fact]
    public void Every_single_digit_change_is_detected()
    {
        const string valid = "5566778899";
        for (var position = 0; position < 10; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (valid[position] == digit)
                {
                    continue;
                }

                var changed = valid[..position] + digit + valid[(position + 1)..];
                Assert.False(OrganisationNumber.TryParse(changed, out _, out _), changed);
            }
        }
    }

    [Fact]
    public void Parse_throws_for_an_invalid_number() =>
        Assert.Throws<FormatException>(() => OrganisationNumber.Parse("123"));
}
