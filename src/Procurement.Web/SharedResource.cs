namespace Procurement.Web;

/// <summary>
/// The one resource set of the UI. Keys are the Swedish texts themselves, so Swedish needs no resource
/// file and a missing translation shows Swedish; <c>Resources/SharedResource.en.resx</c> holds English.
/// </summary>
public sealed class SharedResource;
