import VoteIcon from '@mui/icons-material/StarRate';
import { VoteList } from './VoteList';

export default { list: VoteList, icon: VoteIcon };
