namespace LibContainer.Config.Validation;

internal static class SpecRules
{
    public static void Check(Spec spec, Validator v)
    {
    }
}
