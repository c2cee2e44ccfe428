using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Identity;

/// <summary>ASVS V2.1: length 12–128, any characters, no composition rules, common passwords refused.</summary>
public sealed class PasswordPolicyTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Theory]
    [InlineData("kort lösen1", "PasswordTooShort")]       // 11 characters
    [InlineData("password1234", "PasswordTooCommon")]     // in the shipped list
    [InlineData("QWERTYUIOP123", "PasswordTooCommon")]    // compared without case
    [InlineData("Sommar2026!!!", "PasswordTooCommon")]    // a common word with digits and symbols around it
    [InlineData("!!Dragon123456", "PasswordTooCommon")]
    [InlineData("hejhejhejhej", "PasswordTooCommon")]     // a short piece repeated
    [InlineData("monkeymonkeymonkey", "PasswordTooCommon")]
    [InlineData("abcdefghijklmn", "PasswordTooCommon")]   // a run of neighbouring characters
    [InlineData("zzzzzzzzzzzzzz", "PasswordTooCommon")]
    [InlineData("samupphandling2026", "PasswordTooCommon")] // the service's own name
    [InlineData("anna.andersson2026", "PasswordTooCommon")] // the user's own address
    public async Task Weak_passwords_are_refused_with_a_Swedish_reason(string password, string code)
    {
        var result = await ValidateAsync(password);

        var error = Assert.Single(result.Errors, e => e.Code == code);
        Assert.Matches("Lösenordet", error.Description);
    }

    [Fact]
    public async Task A_password_longer_than_128_characters_is_refused()
    {
        var result = await ValidateAsync(new string('x', 100) + "åäö-ett långt lösen-" + new string('y', 20));

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooLong");
    }

    [Theory]
    [InlineData("alla små bokstäver")]                     // no digit, no capital, no symbol: fine
    [InlineData("correct horse battery staple")]
    [InlineData("sommarsol över Siljan")]                  // common words inside a longer phrase are fine
    [InlineData("hej1hej2hej3hej4")]
    [InlineData("ÅÄÖ är bra bokstäver")]                   // any Unicode
    [InlineData("123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567x")] // 128
    public async Task Long_passwords_need_no_particular_kinds_of_characters(string password)
    {
        var result = await ValidateAsync(password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public void The_shipped_list_of_common_passwords_is_loaded()
    {
        Assert.True(CommonPasswordValidator.Count > 10_000, $"only {CommonPasswordValidator.Count} common passwords");
        Assert.True(CommonPasswordValidator.IsCommon("Password1234"));
        Assert.False(CommonPasswordValidator.IsCommon("en mening som ingen annan har skrivit 2026"));
    }

    private Task<IdentityResult> ValidateAsync(string password) =>
        app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Email = "anna.andersson@test.example", UserName = "anna.andersson@test.example" };
            var errors = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }

            return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
        });
}
