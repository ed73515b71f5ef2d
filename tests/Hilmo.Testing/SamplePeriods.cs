namespace Hilmo.Testing;

/// <summary>The wire examples of the care periods, as submitters send them.</summary>
public static class SamplePeriods
{
    // The examples of docs/registers/terveyshilmo.md and sosiaalihilmo.md, verbatim.
    public const string WardJson =
        """
        {"rekisteri":"terveyshilmo","tunnus":"1.2.246.10.2345678.20.2025.815","paivitetty":"2025-03-12T14:05",
         "asiakas":{"hetu":"131052-308T","kotikunta":"091"},"tuottaja":"90152","yksikko":"1.2.246.10.2345678.10.40",
         "tulopaiva":"2025-03-05","lahtopaiva":"2025-03-12","lahete":{"saapunut":"2025-02-10","kasitelty":"2025-02-12"},
         "jonoonPaiva":"2025-02-12","erikoisala":"20","yhteystapa":"R80","kiireellisyys":"4",
         "tuliMista":"1","lahtiMinne":"2","diagnoosit":[{"icd10":"M16.1"}],
         "toimenpiteet":[{"koodi":"NFB41","alku":"2025-03-06T09:10","loppu":"2025-03-06T10:45"}]}
        """;

    public const string WardXml =
        """
        <hoitojaksot>
          <terveyshilmoHoitojakso>
            <tunnus>1.2.246.10.2345678.20.2025.815</tunnus><paivitetty>2025-03-12T14:05</paivitetty>
            <asiakas><hetu>131052-308T</hetu><kotikunta>091</kotikunta></asiakas>
            <tuottaja>90152</tuottaja><yksikko>1.2.246.10.2345678.10.40</yksikko>
            <tulopaiva>20250305</tulopaiva><lahtopaiva>2025-03-12</lahtopaiva>
            <lahete><saapunut>2025-02-10</saapunut><kasitelty>2025-02-12</kasitelty></lahete>
            <jonoonPaiva>2025-02-12</jonoonPaiva>
            <erikoisala>20</erikoisala><yhteystapa>R80</yhteystapa><kiireellisyys>4</kiireellisyys>
            <tuliMista>1</tuliMista><lahtiMinne>2</lahtiMinne>
            <diagnoosi><icd10>M16.1</icd10></diagnoosi>
            <toimenpide><koodi>NFB41</koodi><alku>202503060910</alku><loppu>202503061045</loppu></toimenpide>
          </terveyshilmoHoitojakso>
        </hoitojaksot>
        """;

    public const string CensusJson =
        """
        {"rekisteri":"sosiaalihilmo","tunnus":"1.2.246.10.7654321.30.2023.77","paivitetty":"2026-01-08T09:00",
         "asiakas":{"hetu":"010130-1235","kotikunta":"837"},"tuottaja":"70011","yksikko":"1.2.246.10.7654321.10.3",
         "palveluala":"32","tulopaiva":"2023-05-02","laskentapaiva":"2025-12-31","tuliMista":"2",
         "hoitoonTulonSyyt":["01","06"],"diagnoosit":[{"icd10":"G30.1"}],"maksaja":"1",
         "kustannukset":{"paivahinta":182.50,"asiakasmaksu":1450.00}}
        """;

    public const string CensusXml =
        """
        <hoitojaksot>
          <sosiaalihilmoHoitojakso>
            <tunnus>1.2.246.10.7654321.30.2023.77</tunnus><paivitetty>2026-01-08T09:00</paivitetty>
            <asiakas><hetu>010130-1235</hetu><kotikunta>837</kotikunta></asiakas>
            <tuottaja>70011</tuottaja><yksikko>1.2.246.10.7654321.10.3</yksikko>
            <palveluala>32</palveluala><tulopaiva>2023-05-02</tulopaiva><laskentapaiva>2025-12-31</laskentapaiva>
            <tuliMista>2</tuliMista><hoitoonTulonSyy>01</hoitoonTulonSyy><hoitoonTulonSyy>06</hoitoonTulonSyy>
            <diagnoosi><icd10>G30.1</icd10></diagnoosi><maksaja>1</maksaja>
            <kustannukset><paivahinta>182.50</paivahinta><asiakasmaksu>1450.00</asiakasmaksu></kustannukset>
          </sosiaalihilmoHoitojakso>
        </hoitojaksot>
        """;
}
