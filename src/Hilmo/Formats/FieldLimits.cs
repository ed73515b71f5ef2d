using System.Buffers;

namespace Hilmo.Formats;

/// <summary>
/// What the text of each AvoHILMO field may be, the same in every wire format: its longest
/// length in characters, and the characters it may not contain. Readers report a longer text
/// (FMT-004) or a control character (FMT-011) instead of storing it.
/// </summary>
/// <remarks>
/// The lengths are generous bounds, not the formats of the values: a code of 20 characters is
/// still checked against its classification later. They exist so that no field can carry
/// more than a record needs.
/// </remarks>
public static class FieldLimits
{
    /// <summary>[tunnus] An OID.</summary>
    public const int RecordId = 128;

    /// <summary>[tuottaja] A provider code.</summary>
    public const int Provider = 32;

    /// <summary>[yksikko] An OID.</summary>
    public const int Unit = 128;

    /// <summary>[asiakas.hetu] Bounded like any text; the identity code itself has 11 characters.</summary>
    public const int IdentityCode = 32;

    /// <summary>[asiakas.kotikunta] A three-digit municipality code.</summary>
    public const int HomeMunicipality = 16;

    /// <summary>[asiakas.postinumero] Five digits.</summary>
    public const int PostalCode = 16;

    /// <summary>[kaynti.toteuttaja] A Valvira registration number.</summary>
    public const int Professional = 32;

    /// <summary>Any code of a classification (profession, urgency, ICD-10, SPAT, ATC ...).</summary>
    public const int Code = 20;

    /// <summary>[laakitys[].atcSelite] Free description of a medication.</summary>
    public const int AtcDescription = 200;

    /// <summary>[laakitys[].vnr] Nordic article number.</summary>
    public const int PackageNumber = 16;

    /// <summary>[laakitys[].kauppanimi] Trade name.</summary>
    public const int TradeName = 200;

    /// <summary>[laakitys[].eranumero] Vaccine batch.</summary>
    public const int BatchNumber = 64;

    /// <summary>[laakitys[].jarjestys] Dose number or free text.</summary>
    public const int DoseNumber = 64;

    /// <summary>[terveystekijat.ienkudos] Gum status digits.</summary>
    public const int GumStatus = 64;

    /// <summary>The longest of all the limits above.</summary>
    public const int Longest = 200;

    /// <summary>
    /// C0 control characters and DEL. Tab and line feed are among them: no field of the register
    /// is multi-line, and a tab inside a code is a copy-paste error that would make it unmatchable.
    /// </summary>
    public static SearchValues<char> ControlCharacters { get; } = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");
}
