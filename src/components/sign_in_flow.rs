//! Signing in and signing in again after the session ended are one flow: the same form (one
//! signal), the same checks, the same calls (`auth.login`, then who the token is), the same way of
//! saying what went wrong. A renewal differs only in keeping the address and the tab choice of the
//! session it renews, and in taking back only the identity that was signed in, since the shell
//! and pages behind it were built for that identity's role.

use crate::activity::ActivityLog;
use crate::api::session::{apiserver_answers, login, whoami};
use crate::components::field::TextValue;
use crate::session::{Auth, Session};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use tenantry_core::clearml::sign_in::{
    same_identity, validate_sign_in, with_api_path, SignIn, SignInFailure, SignInField, SignInForm,
};
use tenantry_core::ApiError;

/// Why a sign-in failed, and an address with `/api` that does answer when the typed one did not.
type Failed = (SignInFailure, ApiError, Option<String>);

/// Signs in with a valid form, to the end: the session set, or why not.
type SignInTask = Rc<dyn Fn(SignIn) -> LocalBoxFuture<'static, Result<(), Failed>>>;

#[derive(Clone, Copy)]
pub struct SignInFlow {
    pub form: RwSignal<SignInForm>,
    /// Whether to keep the session on this tab.
    pub keep: RwSignal<bool>,
    tried: RwSignal<bool>,
    /// Sending a sign-in: plain signals and a task rather than the framework's `Action`, whose
    /// machinery was a few KB of the first load for this one use.
    sending: RwSignal<bool>,
    outcome: RwSignal<Option<Result<(), Failed>>>,
    send: StoredValue<SignInTask, LocalStorage>,
}

impl SignInFlow {
    /// A first sign-in at `api_url`.
    pub fn sign_in(api_url: String) -> Self {
        Self::new(api_url, false, false)
    }

    /// Signing in again to the session that ended, as the same identity.
    pub fn renew(auth: Auth) -> Self {
        let session = auth.session_untracked();
        Self::new(auth.api_url().unwrap_or_default(), session.is_some_and(|s| s.kept_on_tab), true)
    }

    fn new(api_url: String, kept_on_tab: bool, renewing: bool) -> Self {
        let auth = expect_context::<Auth>();
        let log = expect_context::<ActivityLog>();
        let form = RwSignal::new(SignInForm { api_url, ..SignInForm::default() });
        let keep = RwSignal::new(kept_on_tab);
        let send = move |s: SignIn| -> LocalBoxFuture<'static, Result<(), Failed>> {
            Box::pin(async move {
                let signed_in = async {
                    let token = login(log, &s.api_url, &s.key, &s.secret).await?;
                    let (user, server) = whoami(log, &s.api_url, &token).await?;
                    if let Some(was) = renewing.then(|| auth.session_untracked()).flatten() {
                        same_identity(&was.user, &user).map_err(ApiError::Mismatch)?;
                    }
                    Ok::<_, ApiError>(Session {
                        api_url: s.api_url.clone(),
                        token,
                        user,
                        server,
                        kept_on_tab: keep.get_untracked(),
                    })
                };
                match signed_in.await {
                    Ok(session) => {
                        // The key and secret are of no use once exchanged: they are not kept.
                        form.update(|f| {
                            f.key.clear();
                            f.secret.clear();
                        });
                        auth.signed_in(session);
                        Ok(())
                    }
                    Err(e) => {
                        let failure = SignInFailure::of(&e);
                        let elsewhere = match with_api_path(&s.api_url) {
                            Some(alt)
                                if failure == SignInFailure::NotAnApiserver && apiserver_answers(log, &alt).await =>
                            {
                                Some(alt)
                            }
                            _ => None,
                        };
                        Err((failure, e, elsewhere))
                    }
                }
            })
        };
        Self {
            form,
            keep,
            tried: RwSignal::new(false),
            sending: RwSignal::new(false),
            outcome: RwSignal::new(None),
            send: StoredValue::new_local(Rc::new(send)),
        }
    }

    pub fn field(self, field: SignInField) -> TextValue {
        match field {
            SignInField::ApiUrl => TextValue::of(self.form, |f| &f.api_url, |f| &mut f.api_url),
            SignInField::Key => TextValue::of(self.form, |f| &f.key, |f| &mut f.key),
            SignInField::Secret => TextValue::of(self.form, |f| &f.secret, |f| &mut f.secret),
        }
    }

    /// The field's problem, once the person has tried to sign in.
    pub fn error(self, field: SignInField) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.tried
                .get()
                .then(|| self.form.with(validate_sign_in).err()?.get(&field).map(|m| m.to_string()))
                .flatten()
        })
    }

    /// Sends the form if it is valid; the fields show what is not.
    pub fn submit(self) -> bool {
        self.tried.set(true);
        match self.form.with_untracked(validate_sign_in) {
            Ok(s) => {
                let sending = (self.send.get_value())(s);
                self.sending.set(true);
                let (busy, outcome) = (self.sending, self.outcome);
                spawn_local(async move {
                    let result = sending.await;
                    busy.try_set(false);
                    outcome.try_set(Some(result));
                });
                true
            }
            Err(_) => false,
        }
    }

    pub fn pending(self) -> bool {
        self.sending.get()
    }

    /// What went wrong, as the sign-in page and the renewal dialog both show it.
    pub fn failure_view(self) -> impl IntoView {
        let form = self.form;
        move || {
            self.outcome.get().and_then(Result::err).map(|(failure, error, elsewhere)| {
                view! {
                    <div class="alert alert-error" role="alert" data-testid="sign-in-error">
                        <div class="stacked">
                            <strong>{failure.title()}</strong>
                            <p>{failure.detail(&error)}</p>
                            {elsewhere.map(|alt| view! {
                                <p>"An apiserver answers at " <code>{alt.clone()}</code> "."</p>
                                <button class="btn" type="button" data-testid="use-api-path"
                                    on:click=move |_| form.update(|f| f.api_url = alt.clone())>"Use that address"</button>
                            })}
                        </div>
                    </div>
                }
            })
        }
    }
}
