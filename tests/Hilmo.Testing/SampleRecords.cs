namespace Hilmo.Testing;

/// <summary>The example records of the specification (avohilmo.md §2), as submitters send them.</summary>
public static class SampleRecords
{
    public const string SpecificationExample = """
        {"tunnus":"1.2.246.10.2345678.10.2026.4711","paivitetty":"2026-03-02T16:40",
         "asiakas":{"hetu":"131052-308T","kotikunta":"091","postinumero":"00820"},
         "tuottaja":"90152","yksikko":"1.2.246.10.2345678.10.12",
         "yhteydenotto":{"ajankohta":"2026-03-02T08:05"},
         "hoidonTarpeenArviointi":{"ajankohta":"2026-03-02T08:15","ammatti":"32311","kiireellisyys":"E","luonne":"SH","ensikaynti":"K"},
         "ajanvaraus":{"ajankohta":"2026-03-02T08:16","varattu":"2026-03-09T10:00"},
         "kaynti":{"alku":"2026-03-09T10:02","loppu":"2026-03-09T10:25","ammatti":"22211","palvelumuoto":"T11","yhteystapa":"R10","kavijaryhma":"1","kiireellisyys":"E","luonne":"SH","ensikaynti":"K"},
         "kayntisyyt":[{"icpc2":"R74"},{"icd10":"J06.9"}],
         "toimenpiteet":[{"spat":"SPAT1010"}]}
        """;

    /// <summary>The example as one XML record (avohilmo.md §3), without the list element around it.</summary>
    public const string SpecificationXmlRecord = """
        <palvelutapahtuma>
          <tunnus>1.2.246.10.2345678.10.2026.4711</tunnus><paivitetty>2026-03-02T16:40</paivitetty>
          <asiakas><hetu>131052-308T</hetu><kotikunta>091</kotikunta><postinumero>00820</postinumero></asiakas>
          <tuottaja>90152</tuottaja><yksikko>1.2.246.10.2345678.10.12</yksikko>
          <yhteydenotto><ajankohta>202603020805</ajankohta></yhteydenotto>
          <kaynti><alku>2026-03-09T10:02</alku><loppu>2026-03-09T10:25</loppu><ammatti>22211</ammatti>
            <palvelumuoto>T11</palvelumuoto><yhteystapa>R10</yhteystapa></kaynti>
          <kayntisyy><icpc2>R74</icpc2></kayntisyy><kayntisyy><icd10>J06.9</icd10></kayntisyy>
          <toimenpide><spat>SPAT1010</spat></toimenpide>
        </palvelutapahtuma>
        """;

    /// <summary>The identity code of the example: a made-up one, for tests that look for it where it must never be.</summary>
    public const string IdentityCode = "131052-308T";

    /// <summary>The example on one line, as NDJSON carries it.</summary>
    public static string OneLine(string json) => string.Join("", json.Split('\n').Select(l => l.Trim()));

    /// <summary>The example with its <c>tunnus</c> changed, to make several distinct records.</summary>
    public static string WithRecordId(string json, int number) =>
        json.Replace("2026.4711", $"2026.{number}", StringComparison.Ordinal);
}
