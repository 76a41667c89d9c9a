import { Route, Router } from "@solidjs/router";
import { QueryClientProvider } from "@tanstack/solid-query";
import { queryClient } from "./data/query";
import { HomePage, NotFoundPage } from "./pages/home";
import { InvitationPage } from "./pages/invitation";
import { FederationPage, FunderPage } from "./pages/network";
import { OperatorPage } from "./pages/operator";
import {
  OperatorFederationPage,
  OperatorFunderPage,
  OperatorTerritoryPage,
} from "./pages/operator-follow-up";
import { SignInPage } from "./pages/sign-in";
import { JournalPage } from "./pages/territory-journal";
import { MembersPage } from "./pages/territory-members";
import { OverviewPage } from "./pages/territory-overview";
import { ProfilePage } from "./pages/territory-profile";
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
        </Route>
        <Route path="/federations/:federationId" component={FederationPage} />
        <Route path="/financeurs/:funderId" component={FunderPage} />
        <Route path="*" component={NotFoundPage} />
      </Router>
    </QueryClientProvider>
  );
}
