import { Route, Router } from "@solidjs/router";
import { QueryClientProvider } from "@tanstack/solid-query";
import { queryClient } from "./data/query";
import { HomePage, NotFoundPage } from "./pages/home";
import { LinkWorkersImportPage, ResourcesImportPage } from "./pages/imports";
import { InvitationPage } from "./pages/invitation";
import { LinkWorkerPage, LinkWorkersPage, NewLinkWorkerPage } from "./pages/link-workers";
import { FederationPage, FunderPage } from "./pages/network";
import { OperatorPage } from "./pages/operator";
import {
  OperatorFederationPage,
  OperatorFunderPage,
  OperatorTerritoryPage,
} from "./pages/operator-follow-up";
import { NewResourcePage, ResourcePage, ResourcesPage } from "./pages/resources";
import { SignInPage } from "./pages/sign-in";
import { JournalPage } from "./pages/territory-journal";
import { MembersPage } from "./pages/territory-members";
import { OverviewPage } from "./pages/territory-overview";
import { PathwayPage } from "./pages/territory-pathway";
import { ProfilePage } from "./pages/territory-profile";
import { ReferralsPage } from "./pages/territory-referrals";
import { SchemePage, SchemesPage } from "./pages/territory-schemes";
import { Layout, TerritoryLayout } from "./ui/layout";

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
          <Route path="/dispositifs" component={SchemesPage} />
          <Route path="/dispositifs/:schemeId" component={SchemePage} />
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
