// Example posts for the demo page (and its tests).
//
// Each example loads its text and the account it is posted from (mode) and the
// author's role. `expect` lists the finding categories the example is meant to
// show; an empty list means the post should come back clean. tests/www/run.mjs
// loads every example in the page and checks these expectations, so an example
// shown in a training session always demonstrates what its title says.

export const EXAMPLES = [
  {
    id: 'snowplow',
    title: 'Snowplow driver complains, gives work email',
    mode: 'personal',
    role: 'staff',
    text: 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov',
    expect: ['disclaimer', 'city-email'],
  },
  {
    id: 'snowplow-fixed',
    title: 'The same post, done right',
    mode: 'personal',
    role: 'staff',
    text: 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. These are my own opinions and do not represent those of the City.',
    expect: [],
  },
  {
    id: 'weekend',
    title: 'Weekend plans (nothing to do with work)',
    mode: 'personal',
    role: 'volunteer',
    text: 'Perfect morning for a run along the Zumbro River trail! 🏃‍♀️ Who else is signed up for the Med City Marathon this year?',
    expect: [],
  },
  {
    id: 'city-snow',
    title: 'City account: snow emergency notice',
    mode: 'city',
    role: 'staff',
    text: 'Snow emergency: parking restrictions are in effect on all snow routes from 10 p.m. tonight. Plows will clear the main routes first, then residential streets. Details at www.rochestermn.gov.',
    expect: [],
  },
  {
    id: 'confidential',
    title: 'Officer shares an arrestee’s private data',
    mode: 'personal',
    role: 'police',
    text: 'Guess who we picked up last night downtown. DOB 04/12/1987, SSN 123-45-5530. Not public yet, so you didn’t hear it from me.',
    expect: ['confidential'],
  },
  {
    id: 'conduct',
    title: 'Insulting residents at a public hearing',
    mode: 'personal',
    role: 'staff',
    text: 'The people who showed up to complain about the new bike lanes are complete idiots. Shut up and let us do our jobs.',
    expect: ['conduct'],
  },
  {
    id: 'city-political',
    title: 'City account backs a candidate',
    mode: 'city',
    role: 'staff',
    text: 'Get out and vote for Jane Smith for mayor on November 3rd! She is the candidate who will finally fix our roads.',
    expect: ['political'],
  },
  {
    id: 'city-endorsement',
    title: 'City account promotes a business',
    mode: 'city',
    role: 'staff',
    text: 'Grab a coffee at Daily Grind on 2nd Street, the best latte in town! Show this post for 10% off.',
    expect: ['endorsement'],
  },
  {
    id: 'city-personal-views',
    title: 'City account voices a personal opinion',
    mode: 'city',
    role: 'staff',
    text: 'Honestly, I think the new parking ramp is a waste of money, but nobody asked me.',
    expect: ['personal-views'],
  },
  {
    id: 'city-typos',
    title: 'City account post with typos',
    mode: 'city',
    role: 'staff',
    text: 'Leaf pickup starts Monday! Residents will recieve a postcard with their collection day. Please rake leaves to the the curb by 7 a.m.',
    expect: ['accuracy'],
  },
  {
    id: 'council-open-meeting',
    title: 'Council member lines up votes before the meeting',
    mode: 'personal',
    role: 'council',
    text: 'Fellow council members: let’s agree here, before Monday’s meeting, to vote no on the downtown rezoning. Reply with your vote so we have a majority.',
    expect: ['open-meeting'],
  },
  {
    id: 'comment-harsh-opinion',
    title: 'Comment: a harsh opinion about the council (allowed)',
    mode: 'moderation',
    role: 'staff',
    text: 'This council is a joke and the plow crews are useless. Three days and my street still isn’t plowed!',
    expect: [],
  },
  {
    id: 'comment-for-review',
    title: 'Comment: harassment and a neighbour’s address (for review)',
    mode: 'moderation',
    role: 'staff',
    text: 'Dave, you’re an idiot. The guy who blocked the plow lives at 1412 9th St SE, go tell him yourself.',
    expect: ['moderation'],
  },
];
