import { callApi, sameOriginPath } from './site.js';

const form = document.querySelector<HTMLFormElement>('#sign-in-form')!;
const formError = document.querySelector<HTMLElement>('#sign-in-error')!;
const passwordStep = document.querySelector<HTMLElement>('#password-step')!;
const codeStep = document.querySelector<HTMLElement>('#code-step')!;
const signedIn = document.querySelector<HTMLElement>('#signed-in')!;
const verify = document.querySelector('totp-verify')!;

function show(step: 'password' | 'code' | 'done'): void {
  passwordStep.hidden = step !== 'password';
  codeStep.hidden = step !== 'code';
  signedIn.hidden = step !== 'done';
  if (step === 'code') void verify.updateComplete.then(() => verify.focus());
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  formError.textContent = '';
  const data = new FormData(form);
  const button = form.querySelector('button')!;
  button.disabled = true;
  try {
    const { status, body } = await callApi('/api/session', {
      email: data.get('email'),
      password: data.get('password'),
    });
    if (status === 200 && body.stage === 'full') {
      location.assign(sameOriginPath(body.redirectTo, '/account.html'));
    } else if (status === 200 && body.stage === 'password') {
      form.reset();
      show('code');
    } else {
      formError.textContent =
        status === 401 ? 'Wrong email or password.' : 'Could not sign in. Try again.';
    }
  } catch {
    formError.textContent = "Couldn't reach the server. Check your connection and try again.";
  } finally {
    button.disabled = false;
  }
});

verify.addEventListener('totp-verify-complete', (event) => {
  location.assign(sameOriginPath(event.detail.redirectTo, '/account.html'));
});

document.querySelector('#start-over')!.addEventListener('click', async () => {
  await callApi('/api/session/sign-out', {});
  show('password');
});

// After a reload the server still knows which step this browser is at.
const { body } = await callApi('/api/session/state').catch(() => ({ body: { stage: 'none' } }));
show(body.stage === 'password' ? 'code' : body.stage === 'full' ? 'done' : 'password');
