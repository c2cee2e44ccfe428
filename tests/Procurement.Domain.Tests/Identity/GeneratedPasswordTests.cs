using Procurement.Domain.Identity;

namespace Procurement.Domain.Tests.Identity;

public sealed class GeneratedPasswordTests
{
    [Fact]
    public void Generated_passwords_are_long_enough_unambiguous_and_different_each_time()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => GeneratedPassword.New()).ToList();

        Assert.Equal(200, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", p);
            Assert.True(p.Length >= PasswordPolicy.MinLength);
            Assert.DoesNotContain('l', p);
            Assert.DoesNotContain('o', p);
            Assert.DoesNotContain('1', p);
            Assert.DoesNotContain('0', p);
        });
    }
}
