using Procurement.Domain.Identity;

namespace Procurement.Domain.Tests.Identity;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("anna@uppsala.se")]
    [InlineData("anna.svensson+upphandling@region.skane.se")]
    [InlineData("åsa@österåker.se")]
    public void Ordinary_addresses_are_valid(string address) => Assert.True(EmailAddress.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@uppsala.se")]
    [InlineData("anna@uppsala")]
    [InlineData("anna@@uppsala.se")]
    [InlineData("anna @uppsala.se")]
    [InlineData("anna@uppsala.se.")]
    [InlineData(null)]
    public void Malformed_addresses_are_not(string? address) => Assert.False(EmailAddress.IsValid(address));

    [Fact]
    public void An_address_longer_than_254_characters_is_not_valid() =>
        Assert.False(EmailAddress.IsValid(new string('a', 250) + "@x.se"));

    [Fact]
    public void Normalising_ignores_case_and_surrounding_space() =>
        Assert.Equal(EmailAddress.Normalize(" Anna@Uppsala.SE "), EmailAddress.Normalize("anna@uppsala.se"));
}
