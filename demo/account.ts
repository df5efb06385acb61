import { callApi } from './site.js';

const email = document.querySelector<HTMLElement>('#account-email')!;

const me = await callApi('/api/me').catch(() => undefined);
if (me?.status === 200) {
  email.textContent = String(me.body.email);
} else {
  location.assign('/sign-in.html');
}

document.querySelector('#sign-out')!.addEventListener('click', async () => {
  await callApi('/api/session/sign-out', {}).catch(() => undefined);
  location.assign('/sign-in.html');
});
