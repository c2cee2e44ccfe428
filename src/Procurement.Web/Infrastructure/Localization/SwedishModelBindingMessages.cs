using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Procurement.Web.Infrastructure.Localization;

/// <summary>MVC's own messages for values it cannot bind ("The value 'x' is not valid") in Swedish, or English.</summary>
public static class SwedishModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages, IStringLocalizer l)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Värdet \"{0}\" är inte giltigt för {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => l["Ett värde för {0} saknas.", field]);
        messages.SetMissingKeyOrValueAccessor(() => l["Ett värde saknas."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Formuläret var tomt."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Värdet \"{0}\" är inte giltigt.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Värdet är inte giltigt."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Ange ett tal."]);
        messages.SetUnknownValueIsInvalidAccessor(field => l["Värdet för {0} är inte giltigt.", field]);
        messages.SetValueIsInvalidAccessor(value => l["Värdet \"{0}\" är inte giltigt.", value]);
        messages.SetValueMustBeANumberAccessor(field => l["{0} måste vara ett tal.", field]);
        messages.SetValueMustNotBeNullAccessor(value => l["Ett värde krävs.", value]);
    }
}
