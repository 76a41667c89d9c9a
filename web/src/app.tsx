import { Route, Router } from "@solidjs/router";
import { QueryClientProvider } from "@tanstack/solid-query";
import { lazy } from "solid-js";
import { queryClient } from "./data/query";
import { HomePage, NotFoundPage } from "./pages/home";
import { InvitationPage } from "./pages/invitation";
import { FederationPage, FunderPage } from "./pages/network";
import { OperatorPage } from "./pages/operator";
import { SignInPage } from "./pages/sign-in";
import { JournalPage } from "./pages/territory-journal";
import { MembersPage } from "./pages/territory-members";
import { OverviewPage } from "./pages/territory-overview";
import { ProfilePage } from "./pages/territory-profile";
import { Layout, TerritoryLayout } from "./ui/layout";

/**
 * The configuration pages load on first visit (their forms and dictionaries are most of the console's
 * code); sign-in, the overview and the profile are in the first download.
 */
const LinkWorkersImportPage = lazy(() =>
  import("./pages/imports").then((m) => ({ default: m.LinkWorkersImportPage })),
);
const ResourcesImportPage = lazy(() =>
  import("./pages/imports").then((m) => ({ default: m.ResourcesImportPage })),
);
const JourneyPage = lazy(() => import("./pages/journeys").then((m) => ({ default: m.JourneyPage })));
const JourneysPage = lazy(() => import("./pages/journeys").then((m) => ({ default: m.JourneysPage })));
const NewJourneyPage = lazy(() => import("./pages/journeys").then((m) => ({ default: m.NewJourneyPage })));
const JourneysImportPage = lazy(() =>
  import("./pages/imports").then((m) => ({ default: m.JourneysImportPage })),
);
const LinkWorkerPage = lazy(() =>
  import("./pages/link-workers").then((m) => ({ default: m.LinkWorkerPage })),
);
const LinkWorkersPage = lazy(() =>
  import("./pages/link-workers").then((m) => ({ default: m.LinkWorkersPage })),
);
const NewLinkWorkerPage = lazy(() =>
  import("./pages/link-workers").then((m) => ({ default: m.NewLinkWorkerPage })),
);
const OperatorFederationPage = lazy(() =>
  import("./pages/operator-follow-up").then((m) => ({ default: m.OperatorFederationPage })),
);
const OperatorFunderPage = lazy(() =>
  import("./pages/operator-follow-up").then((m) => ({ default: m.OperatorFunderPage })),
);
const OperatorTerritoryPage = lazy(() =>
  import("./pages/operator-follow-up").then((m) => ({ default: m.OperatorTerritoryPage })),
);
const NewResourcePage = lazy(() => import("./pages/resources").then((m) => ({ default: m.NewResourcePage })));
const ResourcePage = lazy(() => import("./pages/resources").then((m) => ({ default: m.ResourcePage })));
const ResourcesPage = lazy(() => import("./pages/resources").then((m) => ({ default: m.ResourcesPage })));
const PathwayPage = lazy(() => import("./pages/territory-pathway").then((m) => ({ default: m.PathwayPage })));
const ReferralsPage = lazy(() =>
  import("./pages/territory-referrals").then((m) => ({ default: m.ReferralsPage })),
);
const DenominatorsPage = lazy(() =>
  import("./pages/territory-denominators").then((m) => ({ default: m.DenominatorsPage })),
);
const IndicatorsPage = lazy(() =>
  import("./pages/territory-indicators").then((m) => ({ default: m.IndicatorsPage })),
);
const IndicatorSettingsPage = lazy(() =>
  import("./pages/territory-indicator-settings").then((m) => ({ default: m.IndicatorSettingsPage })),
);
const PeriodsPage = lazy(() => import("./pages/territory-periods").then((m) => ({ default: m.PeriodsPage })));
const SchemePage = lazy(() => import("./pages/territory-schemes").then((m) => ({ default: m.SchemePage })));
const SchemesPage = lazy(() => import("./pages/territory-schemes").then((m) => ({ default: m.SchemesPage })));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Router root={Layout}>
        <Route path="/connexion" component={SignInPage} />
        <Route path="/invitation" component={InvitationPage} />
        <Route path="/" component={HomePage} />
        <Route path="/operateur" component={OperatorPage} />
        <Route path="/operateur/territoires/:territoryId" component={OperatorTerritoryPage} />
        <Route path="/operateur/federations/:federationId" component={OperatorFederationPage} />
        <Route path="/operateur/financeurs/:funderId" component={OperatorFunderPage} />
        <Route path="/territoires/:territoryId" component={TerritoryLayout}>
          <Route path="/" component={OverviewPage} />
          <Route path="/profil" component={ProfilePage} />
          <Route path="/membres" component={MembersPage} />
          <Route path="/journal" component={JournalPage} />
          <Route path="/parcours" component={PathwayPage} />
          <Route path="/orientations" component={ReferralsPage} />
          <Route path="/denominateurs" component={DenominatorsPage} />
          <Route path="/indicateurs" component={IndicatorsPage} />
          <Route path="/indicateurs/parametres" component={IndicatorSettingsPage} />
          <Route path="/indicateurs/periodes" component={PeriodsPage} />
          <Route path="/dispositifs" component={SchemesPage} />
          <Route path="/dispositifs/:schemeId" component={SchemePage} />
          <Route path="/parcours-individuels" component={JourneysPage} />
          <Route path="/parcours-individuels/nouveau" component={NewJourneyPage} />
          <Route path="/parcours-individuels/importer" component={JourneysImportPage} />
          <Route path="/parcours-individuels/:journeyId" component={JourneyPage} />
          <Route path="/agents" component={LinkWorkersPage} />
          <Route path="/agents/nouveau" component={NewLinkWorkerPage} />
          <Route path="/agents/import" component={LinkWorkersImportPage} />
          <Route path="/agents/:linkWorkerId" component={LinkWorkerPage} />
          <Route path="/ressources" component={ResourcesPage} />
          <Route path="/ressources/nouvelle" component={NewResourcePage} />
          <Route path="/ressources/import" component={ResourcesImportPage} />
          <Route path="/ressources/:resourceId" component={ResourcePage} />
        </Route>
        <Route path="/federations/:federationId" component={FederationPage} />
        <Route path="/financeurs/:funderId" component={FunderPage} />
        <Route path="*" component={NotFoundPage} />
      </Router>
    </QueryClientProvider>
  );
}
