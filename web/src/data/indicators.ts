import type {
  EconomicEstimate,
  IndicatorDefinition,
  IndicatorResult,
  IndicatorSettings,
  IndicatorSettingsUpdate,
  ManualValueWrite,
  PeriodLock,
} from "@maillage/indicators";

export type { EconomicEstimate };

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { territoryKeys } from "./territory";

/**
 * The territory's indicators (DESIGN.md §4; docs/indicators.md): the dashboard of a period, trends,
 * the settings (catalogue overrides, own indicators, economic figures), manual values and period locks.
 * Every write invalidates what it changes: a lock, an unlock or a manual value changes the figures
 * (results and trends), the settings change which indicators are shown and their targets.
 */

/** A result as the dashboard receives it: the engine's, with what the definition says about it. */
export type DashboardResult = IndicatorResult & {
  readonly rationale: string;
  readonly citation: string;
  readonly source: IndicatorDefinition["source"];
  /** In the contract; the API leaves it out (only enabled indicators are in the results). */
  readonly enabled?: boolean;
};

export type PeriodKind = "month" | "quarter" | "year";

export interface IndicatorsOfPeriod {
  territoryId: string;
  period: string;
  periodKind: PeriodKind;
  months: string[];
  /** The lock covering the period (the period itself or an enclosing one). */
  locked: PeriodLock | null;
  /** Figures served from the snapshot taken when the period was locked. */
  snapshot: boolean;
  /** When the figures were computed (or the snapshot taken). */
  asOf: string;
  results: DashboardResult[];
  economics: EconomicEstimate[];
}

export interface TrendPoint {
  period: string;
  status: IndicatorResult["status"];
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  interval: IndicatorResult["interval"];
}

export interface TrendSeries {
  label: { fr: string; en: string };
  unit: string;
  type: IndicatorResult["type"];
  direction: IndicatorResult["direction"];
  target: number | null;
  points: TrendPoint[];
}

export interface Trends {
  from: string;
  to: string;
  months: string[];
  series: Record<string, TrendSeries>;
}

export type SettingsView = IndicatorSettings & { catalogue: IndicatorDefinition[] };

export const indicatorKeys = {
  /** Everything computed: results of every period and trends. */
  figures: (territoryId: string) => ["territories", territoryId, "indicators"] as const,
  period: (territoryId: string, period: string) =>
    ["territories", territoryId, "indicators", "period", period] as const,
  trends: (territoryId: string, from: string, to: string, codes: string) =>
    ["territories", territoryId, "indicators", "trends", from, to, codes] as const,
  settings: (territoryId: string) => ["territories", territoryId, "indicator-settings"] as const,
  values: (territoryId: string, code: string) =>
    ["territories", territoryId, "indicator-values", code] as const,
  periods: (territoryId: string) => ["territories", territoryId, "periods"] as const,
};

const territory = client.api.territories[":territoryId"];
const param = (territoryId: string) => ({ territoryId });

/**
 * The API declares its answers loosely (strings for closed lists); the console reads them with the
 * engine's own types, which are what the API sends (packages/indicators).
 */
const as = <T>(answer: Promise<unknown>) => answer as Promise<T>;

export function createIndicators(territoryId: () => string, period: () => string) {
  return useQuery(() => ({
    queryKey: indicatorKeys.period(territoryId(), period()),
    queryFn: () =>
      as<IndicatorsOfPeriod>(
        call(territory.indicators.$get({ param: param(territoryId()), query: { period: period() } })),
      ),
    // Previous / next period: the page keeps the figures shown until the next ones arrive.
    placeholderData: keepPreviousData,
  }));
}

/** Monthly series from `from` to `to` (months, at most 36); `codes` empty: every enabled computed one. */
export function createTrends(
  territoryId: () => string,
  range: () => { from: string; to: string; codes?: readonly string[] },
) {
  return useQuery(() => {
    const { from, to, codes = [] } = range();
    const list = codes.join(",");
    return {
      queryKey: indicatorKeys.trends(territoryId(), from, to, list),
      queryFn: () =>
        as<Trends>(
          call(
            territory.indicators.trends.$get({
              param: param(territoryId()),
              query: { from, to, ...(list ? { codes: list } : {}) },
            }),
          ),
        ),
      placeholderData: keepPreviousData,
    };
  });
}

export function createIndicatorSettings(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: indicatorKeys.settings(territoryId()),
    queryFn: () =>
      as<SettingsView>(call(territory["indicator-settings"].$get({ param: param(territoryId()) }))),
  }));
}

export function createSaveIndicatorSettings(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: IndicatorSettingsUpdate) =>
      as<IndicatorSettings>(
        call(territory["indicator-settings"].$put({ param: param(territoryId()), json: input })),
      ),
    onSuccess: (saved) => {
      const key = indicatorKeys.settings(territoryId());
      const before = queryClient.getQueryData<SettingsView>(key);
      // The PUT answers the settings without the catalogue, which does not change.
      if (before) queryClient.setQueryData<SettingsView>(key, { ...before, ...saved });
      else void queryClient.invalidateQueries({ queryKey: key });
      // Which indicators are on, their targets and the economic figures: every figure may change.
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.figures(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
    },
  }));
}

export function createManualValues(territoryId: () => string, code: () => string) {
  return useQuery(() => ({
    queryKey: indicatorKeys.values(territoryId(), code()),
    queryFn: () =>
      call(
        territory.indicators[":code"].values.$get({ param: { territoryId: territoryId(), code: code() } }),
      ),
  }));
}

export function createSaveManualValue(territoryId: () => string, code: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: ManualValueWrite) =>
      call(
        territory.indicators[":code"].values.$post({
          param: { territoryId: territoryId(), code: code() },
          json: input,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.values(territoryId(), code()) });
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.figures(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
    },
    onError: () => {
      // A conflict or a lock: what is stored may differ from what the page shows.
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.values(territoryId(), code()) });
    },
  }));
}

export function createPeriodLocks(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: indicatorKeys.periods(territoryId()),
    queryFn: () => call(territory.periods.$get({ param: param(territoryId()) })),
  }));
}

/** After a lock or an unlock: the list of locks, every figure (snapshot or live) and the journal. */
function useLockSettled(territoryId: () => string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: indicatorKeys.periods(territoryId()) });
    void queryClient.invalidateQueries({ queryKey: indicatorKeys.figures(territoryId()) });
    void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
  };
}

export function createLockPeriod(territoryId: () => string) {
  const settled = useLockSettled(territoryId);
  return useMutation(() => ({
    mutationFn: (input: { period: string; reason: string | null }) =>
      call(
        territory.periods[":period"].lock.$post({
          param: { territoryId: territoryId(), period: input.period },
          json: { reason: input.reason },
        }),
      ),
    onSettled: settled,
  }));
}

export function createUnlockPeriod(territoryId: () => string) {
  const settled = useLockSettled(territoryId);
  return useMutation(() => ({
    mutationFn: (input: { period: string; reason: string }) =>
      call(
        territory.periods[":period"].unlock.$post({
          param: { territoryId: territoryId(), period: input.period },
          json: { reason: input.reason },
        }),
      ),
    onSettled: settled,
  }));
}
